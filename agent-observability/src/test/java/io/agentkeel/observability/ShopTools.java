package io.agentkeel.observability;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolException;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Tools of the agent scenarios: one that takes time, one that fails, one never called. */
public final class ShopTools {

  /** How long lookup_order runs. */
  static final long LOOKUP_MILLIS = 30;

  /** Each lookup_order run's start and end, from System.nanoTime. */
  final ConcurrentLinkedQueue<long[]> lookupRuns = new ConcurrentLinkedQueue<>();

  /**
   * An order reference.
   *
   * @param orderId the order id
   */
  public record OrderRef(@Param("the order id, such as A-1001") String orderId) {}

  /**
   * Looks an order up, slowly.
   *
   * @param ref the order
   * @return its status
   * @throws ToolException if interrupted
   */
  @AgentTool(
      name = "lookup_order",
      description = "Looks up one order's status.",
      whenToUse = "When the user asks about an order.",
      scopes = "orders:read",
      sideEffect = SideEffect.READ_ONLY)
  public String lookup(OrderRef ref) throws ToolException {
    long start = System.nanoTime();
    try {
      Thread.sleep(LOOKUP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("interrupted", "interrupted", false, e);
    }
    lookupRuns.add(new long[] {start, System.nanoTime()});
    return "order " + ref.orderId() + " shipped; contact mia@example.com";
  }

  /**
   * Refunds an order; always fails.
   *
   * @param ref the order
   * @return never
   * @throws ToolException always
   */
  @AgentTool(
      name = "refund",
      description = "Refunds an order.",
      whenToUse = "When the user asks for a refund.",
      scopes = "orders:write",
      sideEffect = SideEffect.WRITE)
  public String refund(OrderRef ref) throws ToolException {
    throw new ToolException("the refund service is down", "HTTP 503", true, null);
  }

  /**
   * Cancels an order; offered, never called in the scenarios.
   *
   * @param ref the order
   * @return a confirmation
   */
  @AgentTool(
      name = "cancel_order",
      description = "Cancels an order.",
      whenToUse = "When the user asks to cancel an order.",
      scopes = "orders:write",
      sideEffect = SideEffect.DESTRUCTIVE)
  public String cancel(OrderRef ref) {
    return "cancelled";
  }
}
