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
import java.util.Collection;

/**
 * Puts a tool call's arguments and result on the current {@code execute_tool} span, after the
 * output filters; registered (inside {@link ObservedToolCalls}) only when content capture is on.
 * The arguments are the model's text as the tool receives it, which no output filter has seen.
 * Created by the agent when observability was given no filters, so that it receives every installed
 * output filter, in the agent's order.
 */
public final class ToolContentRecorder implements ToolCallInterceptor {

  private final TextFilter filter;

  /**
   * Creates the recorder.
   *
   * @param filters the output filters to run over arguments and results
   */
  @Inject
  public ToolContentRecorder(java.util.Set<OutputFilter> filters) {
    this((Collection<OutputFilter>) filters);
  }

  /**
   * Creates the recorder with filters given in order.
   *
   * @param filters the output filters to run over arguments and results
   */
  public ToolContentRecorder(Collection<OutputFilter> filters) {
    this.filter = new TextFilter(new ArrayList<>(filters));
  }

  @Override
  public ToolCallResult intercept(
      ToolCallInfo call, RunContext context, Proceed<ToolCallResult> next) throws Exception {
    Span span = Span.current();
    if (span.isRecording()) {
      span.setAttribute(
          RunTracer.TOOL_ARGUMENTS,
          filter.apply(call.argumentsJson(), OutputChannel.EVENT, context));
    }
    ToolCallResult result = next.proceed();
    if (span.isRecording()) {
      span.setAttribute(
          RunTracer.TOOL_RESULT, filter.apply(result.text(), OutputChannel.EVENT, context));
    }
    return result;
  }
}
