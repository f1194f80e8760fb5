package io.agentkeel.testkit.scenario;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A tool whose misbehaviour the model picks by argument, for the loop's property test. */
public final class FaultyTools {
  final AtomicInteger calls = new AtomicInteger();

  /** How to misbehave: error, checked, overflow, spin, stall, or anything else to answer. */
  public record Mode(@Param("how the tool misbehaves") String mode) {}

  @AgentTool(
      name = "faulty_write",
      description = "Writes something, badly.",
      whenToUse = "When the test wants a tool that misbehaves.",
      scopes = "orders:write",
      sideEffect = SideEffect.WRITE)
  public String write(Mode mode) {
    calls.incrementAndGet();
    return switch (mode.mode()) {
      case "error" -> throw new AssertionError("an Error from the tool");
      case "checked" -> throw HostileTools.sneaky(new IOException("a checked exception"));
      case "overflow" -> throw new StackOverflowError();
      case "linkage" -> throw new NoClassDefFoundError("kotlin/jvm/internal/Intrinsics");
      case "spin" -> HostileTools.spin(600);
      case "stall" -> {
        HostileTools.ignoreInterrupts(1_500);
        yield "stalled";
      }
      default -> "written";
    };
  }
}
