package io.agentkeel.observability.internal;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.Proceed;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolCallInfo;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.ToolCallResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * Wraps every real tool call in an {@code execute_tool {tool}} span, a child of the run's {@code
 * invoke_agent} span and current while the tool runs. With content capture on, the arguments and
 * the result are put there by {@link ToolContentRecorder}, which filters them. The model's call id
 * goes on the span after the output filters given to observability, or, when none were given, is
 * put there by {@link ToolCallIdRecorder} with the agent's.
 */
public final class ObservedToolCalls implements ToolCallInterceptor {

  private final RunTracer tracing;
  private final TextFilter callIds;

  /**
   * Creates the interceptor.
   *
   * @param tracing the run tracer
   * @param callIds the filters run over the model's call ids; empty when a {@link
   *     ToolCallIdRecorder} inside this interceptor puts them on the span
   */
  public ObservedToolCalls(RunTracer tracing, TextFilter callIds) {
    this.tracing = tracing;
    this.callIds = callIds;
  }

  @Override
  public ToolCallResult intercept(
      ToolCallInfo call, RunContext context, Proceed<ToolCallResult> next) throws Exception {
    Span span =
        tracing
            .tracer()
            .spanBuilder("execute_tool " + call.tool())
            .setParent(tracing.parentFor(context))
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(RunTracer.OPERATION, "execute_tool")
            .setAttribute(RunTracer.TOOL_NAME, call.tool())
            .setAttribute(RunTracer.TOOL_TYPE, "function")
            .setAttribute(RunTracer.SIDE_EFFECT, Names.lower(call.sideEffect()))
            .startSpan();
    if (!callIds.isEmpty() && span.isRecording()) {
      // The model chose this id: it is filtered like any other text of the model's.
      span.setAttribute(
          RunTracer.TOOL_CALL_ID, callIds.apply(call.callId(), OutputChannel.EVENT, context));
    }
    Scope scope = span.makeCurrent();
    try {
      return next.proceed();
    } catch (Exception e) {
      span.setAttribute(RunTracer.ERROR_TYPE, e.getClass().getName());
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      scope.close();
      span.end();
    }
  }
}
