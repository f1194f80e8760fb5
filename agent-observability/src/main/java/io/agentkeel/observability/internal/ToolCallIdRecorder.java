package io.agentkeel.observability.internal;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.Proceed;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolCallInfo;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.ToolCallResult;
import io.opentelemetry.api.trace.Span;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Set;

/**
 * Puts the model's id for a tool call on the current {@code execute_tool} span, after the agent's
 * output filters: the id is the model's own text, which a prompt-injected model can fill with
 * anything. Registered (inside {@link ObservedToolCalls}) when observability was given no output
 * filters; created by the agent, so that it receives every installed output filter, in the agent's
 * order, as {@link ToolContentRecorder} does.
 */
public final class ToolCallIdRecorder implements ToolCallInterceptor {

  private final TextFilter filter;

  /**
   * Creates the recorder.
   *
   * @param filters the output filters to run over call ids
   */
  @Inject
  public ToolCallIdRecorder(Set<OutputFilter> filters) {
    this.filter = new TextFilter(new ArrayList<>(filters));
  }

  @Override
  public ToolCallResult intercept(
      ToolCallInfo call, RunContext context, Proceed<ToolCallResult> next) throws Exception {
    Span span = Span.current();
    if (span.isRecording()) {
      span.setAttribute(
          RunTracer.TOOL_CALL_ID, filter.apply(call.callId(), OutputChannel.EVENT, context));
    }
    return next.proceed();
  }
}
