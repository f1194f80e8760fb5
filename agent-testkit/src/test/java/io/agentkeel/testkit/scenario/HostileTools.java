package io.agentkeel.testkit.scenario;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Tools that behave as a hostile or broken tool would: each runs what the test sets, which may
 * throw any {@link Throwable} (checked ones sneakily) or ignore interruption.
 */
public final class HostileTools {
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  final AtomicReference<Supplier<String>> readBehaviour = new AtomicReference<>(() -> "ok");
  final AtomicReference<Supplier<String>> writeBehaviour = new AtomicReference<>(() -> "written");

  /** The subject of a call. */
  public record Subject(@Param("what the call is about") String id) {}

  @AgentTool(
      name = "read_thing",
      description = "Reads one thing.",
      whenToUse = "When the user asks about a thing.",
      scopes = "things:read",
      sideEffect = SideEffect.READ_ONLY)
  public String read(Subject subject) {
    reads.incrementAndGet();
    return readBehaviour.get().get();
  }

  @AgentTool(
      name = "write_thing",
      description = "Changes one thing.",
      whenToUse = "When the user asks to change a thing.",
      scopes = "things:write",
      sideEffect = SideEffect.WRITE)
  public String write(Subject subject) {
    writes.incrementAndGet();
    return writeBehaviour.get().get();
  }

  /** Throws any throwable without declaring it, as a Kotlin or Groovy tool can. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  /** Spins for a while, ignoring interruption, as a busy loop or non-interruptible read does. */
  static String spin(long millis) {
    long until = System.nanoTime() + millis * 1_000_000L;
    long sink = 0;
    while (System.nanoTime() < until) {
      sink += Thread.interrupted() ? 1 : 0;
      Thread.onSpinWait();
    }
    return "spun " + (sink >= 0 ? millis : 0) + " ms";
  }

  /** Waits for a while ignoring interruption, without burning a CPU. */
  static void ignoreInterrupts(long millis) {
    long until = System.nanoTime() + millis * 1_000_000L;
    boolean interrupted = false;
    while (System.nanoTime() < until) {
      try {
        Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000L));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
