package io.agentkeel.observability.internal;

import io.agentkeel.api.ModelCallInfo;
import io.agentkeel.api.ModelCallInterceptor;
import io.agentkeel.api.ModelCallResult;
import io.agentkeel.api.Proceed;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenUsage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Executor;

/**
 * Wraps every real model call in a {@code chat {model}} span (a child of the run's {@code
 * invoke_agent} span, current while the call runs) and records the GenAI client metrics, through an
 * executor: the decision log's thread when there is one, so the task does not pay for the
 * histograms.
 */
public final class ObservedModelCalls implements ModelCallInterceptor {

  private final RunTracer tracing;
  private final GenAiMetrics metrics;
  private final Executor recordMetrics;

  /**
   * Creates the interceptor.
   *
   * @param tracing the run tracer; null when tracing is off
   * @param metrics the metrics; null when metrics are off
   * @param recordMetrics runs what records a call's metrics; must run everything it is given
   */
  public ObservedModelCalls(RunTracer tracing, GenAiMetrics metrics, Executor recordMetrics) {
    this.tracing = tracing;
    this.metrics = metrics;
    this.recordMetrics = recordMetrics;
  }

  @Override
  public ModelCallResult intercept(
      ModelCallInfo call, RunContext context, Proceed<ModelCallResult> next) throws Exception {
    String requestModel = call.requestModel().orElse(call.model());
    Span span = null;
    if (tracing != null) {
      span =
          tracing
              .tracer()
              .spanBuilder("chat " + requestModel)
              .setParent(tracing.parentFor(context))
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(RunTracer.OPERATION, "chat")
              .setAttribute(RunTracer.PROVIDER, call.provider())
              .setAttribute(RunTracer.REQUEST_MODEL, requestModel)
              .setAttribute(RunTracer.MODEL, call.model())
              .setAttribute(RunTracer.STEP, (long) call.step())
              .setAttribute(RunTracer.ATTEMPT, (long) call.attempt())
              .startSpan();
    }
    long start = System.nanoTime();
    Scope scope = span == null ? Scope.noop() : span.makeCurrent();
    try {
      ModelCallResult result = next.proceed();
      long nanos = System.nanoTime() - start;
      String responseModel = result.responseModel().orElse(null);
      TokenUsage tokens = result.tokens().orElse(null);
      if (span != null) {
        if (responseModel != null) {
          span.setAttribute(RunTracer.RESPONSE_MODEL, responseModel);
        }
        if (tokens != null) {
          span.setAttribute(RunTracer.INPUT_TOKENS, tokens.input());
          span.setAttribute(RunTracer.OUTPUT_TOKENS, tokens.output());
        }
      }
      if (metrics != null) {
        String provider = call.provider();
        recordMetrics.execute(() -> {
          metrics.duration(provider, requestModel, responseModel, null, nanos);
          if (tokens != null) {
            metrics.tokens(provider, requestModel, responseModel, tokens.input(), tokens.output());
          }
        });
      }
      return result;
    } catch (Exception e) {
      long nanos = System.nanoTime() - start;
      String errorType = e.getClass().getName();
      if (span != null) {
        // The exception's message may quote the request: only its type is recorded.
        span.setAttribute(RunTracer.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      }
      if (metrics != null) {
        String provider = call.provider();
        recordMetrics.execute(
            () -> metrics.duration(provider, requestModel, null, errorType, nanos));
      }
      throw e;
    } finally {
      scope.close();
      if (span != null) {
        span.end();
      }
    }
  }
}
