package io.agentkeel.core.internal;

import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a permitted tool call on the task's thread, interrupted by the {@link CallWatchdog} at its
 * timeout, and turns whatever happens into a result or a failure message for the model. The only
 * caller of {@link Tool#invoke}.
 */
final class ToolInvoker {
  private static final Logger LOG = LoggerFactory.getLogger(ToolInvoker.class);

  /** What came of a call. */
  sealed interface Result {
    Duration latency();
  }

  /** The tool answered; {@code text} goes back to the model. */
  record Success(String text, Duration latency) implements Result {}

  /** The tool did not answer; {@code message} goes back to the model. */
  record Failure(ToolFailureKind kind, String message, Duration latency) implements Result {}

  ToolInvoker() {}

  Result invoke(ToolCallPermit permit, CallWatchdog.Watch watch) {
    String name = permit.tool().name();
    long started = System.nanoTime();
    long timeoutMillis =
        Math.max(0, permit.context().deadline().toEpochMilli() - System.currentTimeMillis());
    Object value;
    Throwable failure = null;
    watch.arm(started + timeoutMillis * 1_000_000L);
    try {
      value = callTool(permit);
    } catch (ToolException | RuntimeException e) {
      value = null;
      failure = e;
    }
    if (watch.disarm()) {
      return new Failure(
          ToolFailureKind.TIMEOUT,
          "tool '"
              + name
              + "' did not answer within "
              + timeoutMillis
              + " ms; try another approach or answer without it",
          since(started));
    }
    if (failure != null) {
      return failure(name, failure, since(started));
    }
    if (value == null) {
      return new Failure(
          ToolFailureKind.CRASHED,
          "tool '" + name + "' returned nothing; try another approach",
          since(started));
    }
    return new Success(permit.tool().renderResult(value), since(started));
  }

  private static Object callTool(ToolCallPermit permit) throws ToolException {
    @SuppressWarnings("unchecked")
    Tool<Record, Object> tool = (Tool<Record, Object>) permit.tool().tool();
    return tool.invoke(permit.arguments(), permit.context());
  }

  private static Failure failure(String name, Throwable cause, Duration latency) {
    if (cause instanceof ToolException toolException) {
      toolException
          .detailForLog()
          .ifPresent(detail -> LOG.info("tool '{}' failed: {}", name, detail));
      return new Failure(
          ToolFailureKind.TOOL_ERROR,
          "tool '"
              + name
              + "' failed: "
              + toolException.messageForModel()
              + (toolException.retryable()
                  ? " The same call may work later."
                  : " The same call will fail again.")
              + " Try another approach.",
          latency);
    }
    LOG.warn(
        "tool '{}' threw {} instead of a ToolException; fix the tool to fail loudly",
        name,
        cause == null ? "nothing" : cause.getClass().getName());
    return new Failure(
        ToolFailureKind.CRASHED,
        "tool '" + name + "' failed unexpectedly; try another approach",
        latency);
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
