package io.agentkeel.core.internal;

import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolCallInfo;
import io.agentkeel.api.ToolCallResult;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.core.tool.internal.Json;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Runs a permitted tool call on the task's thread, through the tool call interceptors, interrupted
 * by the {@link CallWatchdog} at its deadline on the agent's clock, and turns whatever happens (any
 * {@link Throwable} included) into a result or a failure message for the model. The only caller of
 * {@link Tool#invoke}.
 *
 * <p>A call that the watchdog interrupted and that then threw timed out. A call that returned a
 * value, even late, ran: its result is reported, so a write that completed is never reported as a
 * timeout and repeated by the model.
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

  private final Interceptors interceptors;
  private final Clock clock;

  ToolInvoker(Interceptors interceptors, Clock clock) {
    this.interceptors = interceptors;
    this.clock = clock;
  }

  Result invoke(
      ToolCallPermit permit, String callId, RunContext context, CallWatchdog.Watch watch) {
    String name = permit.tool().name();
    long started = System.nanoTime();
    Deadline deadline = new Deadline(permit.context().deadline());
    Duration allowed = deadline.left(clock);
    ToolCallInfo info =
        new ToolCallInfo(
            name, callId, permit.tool().descriptor().sideEffect(), permit.argumentsJson());
    watch.arm(deadline.nanoDeadline(clock));
    Containment.Result<ToolCallResult> outcome =
        Containment.call(() ->
            interceptors.aroundTool(
                info, context, () -> new ToolCallResult(render(callTool(permit)))));
    boolean fired = watch.disarm();
    return switch (outcome) {
      case Containment.Returned<ToolCallResult> returned when returned.value() != null ->
          new Success(returned.value().text(), since(started));
      case Containment.Returned<ToolCallResult> nothing ->
          new Failure(
              ToolFailureKind.CRASHED,
              "tool '" + name + "' returned nothing; try another approach",
              since(started));
      case Containment.Threw<ToolCallResult> threw when fired ->
          new Failure(
              ToolFailureKind.TIMEOUT,
              "tool '"
                  + name
                  + "' did not answer within "
                  + Deadline.millis(allowed)
                  + " ms; try another approach or answer without it",
              since(started));
      case Containment.Threw<ToolCallResult> threw ->
          failure(name, threw.failure(), since(started));
    };
  }

  private static Object callTool(ToolCallPermit permit) throws ToolException {
    @SuppressWarnings("unchecked")
    Tool<Record, Object> tool = (Tool<Record, Object>) permit.tool().tool();
    Object value = tool.invoke(permit.arguments(), permit.context());
    if (value == null) {
      throw new NullPointerException("tool returned null");
    }
    return value;
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
        cause.getClass().getName());
    return new Failure(
        ToolFailureKind.CRASHED,
        "tool '" + name + "' failed unexpectedly; try another approach",
        latency);
  }

  private static String render(Object value) {
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JacksonException e) {
      return String.valueOf(value);
    }
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
