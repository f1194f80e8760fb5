package io.agentkeel.reliability;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The tools every reliability test offers: a read-only lookup whose behaviour a test sets (throw,
 * hang, return hostile text), a destructive cancel that needs a person's confirmation, a note tool
 * that can carry data out, and an admin tool whose scope the test principal is never granted.
 * Counters say what really ran.
 */
public final class DeskTools {
  final AtomicInteger lookups = new AtomicInteger();
  final AtomicInteger cancels = new AtomicInteger();
  final AtomicInteger notes = new AtomicInteger();
  final AtomicInteger adminCalls = new AtomicInteger();
  final AtomicReference<Supplier<String>> lookupBehaviour = new AtomicReference<>(() -> "shipped");

  /** The order a call is about. */
  public record OrderRef(@Param("the order id, such as A-1001") String orderId) {}

  /** A note to send somewhere. */
  public record Note(@Param("who receives the note") String to, @Param("the text") String text) {}

  @AgentTool(
      name = "lookup_order",
      description = "Looks up one order's status.",
      whenToUse = "When the user asks about a specific order and gives its id.",
      scopes = "orders:read",
      sideEffect = SideEffect.READ_ONLY)
  public String lookup(OrderRef ref) {
    lookups.incrementAndGet();
    return lookupBehaviour.get().get();
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
      name = "send_note",
      description = "Sends a note to a team.",
      whenToUse = "When the user asks to tell a team something.",
      scopes = "notes:write",
      sideEffect = SideEffect.WRITE)
  public String sendNote(Note note) {
    notes.incrementAndGet();
    return "sent to " + note.to();
  }

  @AgentTool(
      name = "grant_admin",
      description = "Makes a user an administrator.",
      whenToUse = "Only when an administrator asks.",
      scopes = "admin:write",
      sideEffect = SideEffect.WRITE)
  public String grantAdmin(OrderRef ref) {
    adminCalls.incrementAndGet();
    return "granted";
  }

  /** Throws any throwable without declaring it, as a Kotlin or Groovy tool can. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
