package io.agentkeel.testkit.scenario;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolException;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools of a small order desk, counting every call so tests can see what really ran. */
public final class OrderDeskTools {
  final AtomicInteger lookups = new AtomicInteger();
  final AtomicInteger cancels = new AtomicInteger();
  final AtomicInteger refunds = new AtomicInteger();
  final AtomicInteger slowCalls = new AtomicInteger();

  /** The order a call is about. */
  public record OrderRef(@Param("the order id, such as A-1001") String orderId) {}

  /** What lookup_order shows. */
  public record OrderView(String orderId, String status) {}

  @AgentTool(
      name = "lookup_order",
      description = "Looks up one order's status.",
      whenToUse = "When the user asks about a specific order and gives its id.",
      scopes = "orders:read",
      sideEffect = SideEffect.READ_ONLY)
  public OrderView lookup(OrderRef ref) throws ToolException {
    lookups.incrementAndGet();
    if (ref.orderId().startsWith("X")) {
      throw ToolException.permanent("there is no order " + ref.orderId());
    }
    return new OrderView(ref.orderId(), "shipped");
  }

  @AgentTool(
      name = "cancel_order",
      description = "Cancels an order that has not shipped.",
      whenToUse = "When the user asks to cancel a specific order.",
      scopes = "orders:write",
      sideEffect = SideEffect.DESTRUCTIVE)
  public String cancel(OrderRef ref) {
    cancels.incrementAndGet();
    return "order " + ref.orderId() + " cancelled";
  }

  @AgentTool(
      name = "issue_refund",
      description = "Refunds an order's payment.",
      whenToUse = "When a cancelled order must be paid back.",
      scopes = "payments:write",
      sideEffect = SideEffect.WRITE)
  public String refund(OrderRef ref) {
    refunds.incrementAndGet();
    return "refunded " + ref.orderId();
  }

  @AgentTool(
      name = "slow_lookup",
      description = "Looks an order up in the slow archive.",
      whenToUse = "When lookup_order does not know an old order.",
      scopes = "orders:read",
      sideEffect = SideEffect.READ_ONLY)
  public OrderView slowLookup(OrderRef ref) throws ToolException {
    slowCalls.incrementAndGet();
    try {
      Thread.sleep(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ToolException.retryable("the archive lookup was interrupted");
    }
    return new OrderView(ref.orderId(), "archived");
  }
}
