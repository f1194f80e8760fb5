package io.agentkeel.observability;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.ConfidenceThresholds;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.ModelFailureKind;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.RateLimitKind;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Route;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.Workflow;
import io.agentkeel.tools.spi.SideEffect;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Hand-made runs and events, for tests that do not run an agent. */
final class Events {

  static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

  static final Workflow ORDERS =
      Workflow.builder("orders")
          .allowTools("lookup_order", "cancel_order", "refund")
          .thresholds(new ConfidenceThresholds(0.85, 0.55))
          .build();

  static final Workflow SUPPORT =
      Workflow.builder("support").thresholds(new ConfidenceThresholds(0.9, 0.6)).build();

  private Events() {}

  static RunContext run(String taskId, Workflow workflow) {
    return run(taskId, workflow, "alice");
  }

  static RunContext run(String taskId, Workflow workflow, String principal) {
    Task task =
        Task.builder()
            .id(taskId)
            .input("where is my order?")
            .principal(Principal.of(principal, "orders:*"))
            .workflow(workflow.name())
            .build();
    return new RunContext(task, workflow, UUID.randomUUID().toString(), CLOCK);
  }

  static ReviewRequest review(RunContext run, ReviewKind kind, Priority priority) {
    return new ReviewRequest(
        "review-" + run.task().id(),
        run.task(),
        kind,
        priority,
        "confidence between the thresholds",
        Optional.of("the order ships tomorrow"),
        Optional.of(new Confidence(0.6, "unsure")),
        Optional.empty(),
        "{}",
        AT);
  }

  /** One event of every type, for a run. */
  static List<AgentEvent> everyType(RunContext run) {
    String id = run.task().id();
    return List.of(
        new AgentEvent.TaskStarted(id, AT, run.workflow().name(), run.principal().id()),
        new AgentEvent.ContextAssembled(id, AT, 812, 4000, List.of("2 old session turns")),
        new AgentEvent.GuardDecision(
            id,
            AT,
            "injection",
            "user_input",
            AgentEvent.GuardAction.FLAGGED,
            "ignore-previous pattern",
            Optional.of(0.7)),
        new AgentEvent.RateLimitHit(
            id, AT, RateLimitKind.TOOL_CALL, "refund", 1, Duration.ofSeconds(3), "5 per minute"),
        new AgentEvent.ModelFailed(
            id, AT, "primary", ModelFailureKind.SERVER_ERROR, "HTTP 503", Duration.ofMillis(40)),
        new AgentEvent.FallbackUsed(id, AT, "primary", "backup", ModelFailureKind.SERVER_ERROR),
        new AgentEvent.ModelCalled(
            id, AT, "backup", 1, Duration.ofMillis(120), Optional.of(new TokenUsage(300, 40))),
        new AgentEvent.ToolIntended(
            id, AT, "cancel_order", "call-1", SideEffect.DESTRUCTIVE, "{\"id\":\"A-17\"}"),
        new AgentEvent.ToolCalled(
            id, AT, "lookup_order", "{\"id\":\"A-17\"}", Duration.ofNanos(2_500_000)),
        new AgentEvent.ToolFailed(
            id,
            AT,
            "refund",
            "{}",
            ToolFailureKind.TOOL_ERROR,
            "refund service down",
            Duration.ofMillis(7)),
        new AgentEvent.LimitReached(
            id, AT, AgentEvent.Limit.CALLS_PER_REPLY, "asked for 9 calls, 5 allowed"),
        new AgentEvent.RetryScheduled(id, AT, 1, List.of("answer must name the order")),
        new AgentEvent.Routed(
            id, AT, new Confidence(0.62, "order found, date unsure"), Route.REVIEW),
        new AgentEvent.ReviewDecided(id, AT, "review-" + id, "bob", "approve"),
        new AgentEvent.TaskRecovered(id, AT, run.workflow().name(), 6, true),
        new AgentEvent.MayHaveRun(id, AT, "refund_order"),
        new AgentEvent.TaskFinished(
            id,
            AT,
            new Outcome.Failed(FailureCategory.MODEL_UNAVAILABLE, "every model failed"),
            Duration.ofMillis(950),
            new TokenUsage(300, 40),
            2));
  }

  /** An output filter that redacts e-mail addresses, like the security module's PII filter. */
  /**
   * The OpenTelemetry SDK exporting every span, as it ends, to an in-memory exporter.
   *
   * @param exporter where the spans go
   * @return the SDK
   */
  static OpenTelemetrySdk sdk(InMemorySpanExporter exporter) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build())
        .build();
  }

  static final class EmailFilter implements OutputFilter {
    static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    @Override
    public String name() {
      return "email";
    }

    @Override
    public String filter(String text, OutputChannel channel, RunContext context) {
      return EMAIL.matcher(text).replaceAll("[email]");
    }
  }
}
