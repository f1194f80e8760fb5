package io.agentkeel.observability.internal;

import io.agentkeel.api.RunContext;
import io.agentkeel.observability.DecisionLog;
import io.agentkeel.observability.Feedback;
import io.agentkeel.observability.Rating;
import io.agentkeel.observability.TraceLinkStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Records feedback in whichever of metrics, decision log and tracing are on. */
public final class FeedbackRecorder implements Feedback {

  private final TaskIndex tasks;
  private final TraceLinkStore links;
  private final MetricsRecorder metrics;
  private final DecisionLogWriter decisionLog;
  private final Executor decisionLogOrder;
  private final Tracer tracer;
  private final Clock clock;

  /**
   * Creates the recorder.
   *
   * @param tasks the tasks seen
   * @param links the first spans of tasks
   * @param metrics the metrics; null when off
   * @param decisionLog the decision log; null when off
   * @param decisionLogOrder runs a decision log write in its place after the lines before it
   * @param tracer the tracer; null when tracing is off
   * @param clock the time source
   */
  public FeedbackRecorder(
      TaskIndex tasks,
      TraceLinkStore links,
      MetricsRecorder metrics,
      DecisionLogWriter decisionLog,
      Executor decisionLogOrder,
      Tracer tracer,
      Clock clock) {
    this.tasks = tasks;
    this.links = links;
    this.metrics = metrics;
    this.decisionLog = decisionLog;
    this.decisionLogOrder = decisionLogOrder;
    this.tracer = tracer;
    this.clock = clock;
  }

  @Override
  public void record(String taskId, Rating rating, Optional<String> comment) {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(comment, "comment");
    if (taskId.isBlank()) {
      throw new IllegalArgumentException(
          "feedback needs the id of the task rated, got a blank one");
    }
    Optional<RunContext> run = tasks.get(taskId);
    String workflow = run.map(r -> r.workflow().name()).orElse(DecisionLog.UNKNOWN_WORKFLOW);
    Optional<SpanContext> first = links.get(taskId).flatMap(RunTracer::parse);
    if (metrics != null) {
      metrics.feedback(workflow, rating);
    }
    if (tracer != null) {
      var builder =
          tracer
              .spanBuilder("agentkeel.feedback")
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(RunTracer.TASK_ID, taskId)
              .setAttribute(RunTracer.WORKFLOW, workflow)
              .setAttribute(AttributeKey.stringKey("agentkeel.feedback.rating"), rating.tag())
              .setAttribute(
                  AttributeKey.booleanKey("agentkeel.feedback.has_comment"), comment.isPresent());
      first.ifPresent(span ->
          builder
              .setParent(Context.root().with(Span.wrap(span)))
              .addLink(span, Attributes.of(RunTracer.LINK_REASON, "feedback_on_task")));
      builder.startSpan().end();
    }
    if (decisionLog != null) {
      Instant at = clock.instant();
      decisionLogOrder.execute(() -> decisionLog.feedback(taskId, at, rating, comment, run, first));
    }
  }
}
