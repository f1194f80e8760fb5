package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.ModelCallInfo;
import io.agentkeel.api.ModelCallResult;
import io.agentkeel.api.ModelFailureKind;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Priority;
import io.agentkeel.api.RateLimitKind;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.Route;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.Workflow;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The metrics from hand-made events; {@code AgentMetricsScenarioTest} does the same with an agent.
 */
class MetricsTest {

  private static final Instant AT = Events.AT;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Observability observability =
      Observability.builder()
          .meterRegistry(registry)
          .openTelemetry(OpenTelemetry.noop())
          .decisionLog(
              new DecisionLogSettings(false, DecisionLogSettings.PrincipalField.ID, false, false))
          .build();
  private final AgentEventListener listener = observability.listener();

  private RunContext start(String id, Workflow workflow) {
    RunContext run = Events.run(id, workflow);
    listener.onEvent(new AgentEvent.TaskStarted(id, AT, workflow.name(), "alice"), run);
    return run;
  }

  private void emit(RunContext run, AgentEvent event) {
    listener.onEvent(event, run);
  }

  private void finish(RunContext run, Outcome outcome) {
    emit(
        run,
        new AgentEvent.TaskFinished(
            run.task().id(), AT, outcome, Duration.ofMillis(10), TokenUsage.ZERO, 1));
  }

  private void routed(RunContext run, double confidence, Route route) {
    emit(run, new AgentEvent.Routed(run.task().id(), AT, new Confidence(confidence, ""), route));
  }

  private void toolCalled(RunContext run, String tool) {
    emit(run, new AgentEvent.ToolCalled(run.task().id(), AT, tool, "{}", Duration.ofMillis(1)));
  }

  private void toolFailed(RunContext run, String tool, ToolFailureKind kind) {
    emit(run, new AgentEvent.ToolFailed(run.task().id(), AT, tool, "{}", kind, "x", Duration.ZERO));
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void aKnownMixGivesExactlyTheExpectedValues() throws Exception {
    RunContext a = start("a", Events.ORDERS);
    toolCalled(a, "lookup_order");
    routed(a, 0.9, Route.AUTO_COMPLETE);
    finish(a, new Outcome.Completed());

    RunContext b = start("b", Events.ORDERS);
    toolCalled(b, "lookup_order");
    toolFailed(b, "refund", ToolFailureKind.TOOL_ERROR);
    routed(b, 0.6, Route.REVIEW);
    finish(b, new Outcome.InReview(Events.review(b, ReviewKind.ANSWER, Priority.NORMAL)));
    RunContext bResumed = Events.run("b", Events.ORDERS);
    emit(bResumed, new AgentEvent.ReviewDecided("b", AT, "review-b", "bob", "approve"));
    finish(bResumed, new Outcome.Completed());

    RunContext c = start("c", Events.ORDERS);
    emit(
        c,
        new AgentEvent.ModelFailed("c", AT, "m", ModelFailureKind.TIMEOUT, "slow", Duration.ZERO));
    emit(
        c,
        new AgentEvent.ModelFailed(
            "c", AT, "m", ModelFailureKind.SERVER_ERROR, "503", Duration.ZERO));
    finish(c, new Outcome.Failed(FailureCategory.MODEL_UNAVAILABLE, "all failed"));

    RunContext d = start("d", Events.ORDERS);
    emit(
        d,
        new AgentEvent.GuardDecision(
            "d", AT, "inj", "user_input", AgentEvent.GuardAction.BLOCKED, "x", Optional.of(1.0)));
    finish(d, new Outcome.Refused("inj", "x"));

    RunContext e = start("e", Events.ORDERS);
    toolFailed(e, "made_up_tool", ToolFailureKind.UNKNOWN_TOOL);
    emit(e, new AgentEvent.RetryScheduled("e", AT, 1, java.util.List.of("too short")));
    routed(e, 0.3, Route.ESCALATE);
    finish(e, new Outcome.Escalated(Events.review(e, ReviewKind.ESCALATION, Priority.HIGH)));

    RunContext f = start("f", Events.ORDERS);
    emit(
        f,
        new AgentEvent.RateLimitHit(
            "f", AT, RateLimitKind.TASK, "orders", 1, Duration.ofSeconds(1), "limit"));
    finish(f, new Outcome.RateLimited("task", Duration.ofSeconds(1)));

    RunContext g = start("g", Events.SUPPORT);
    routed(g, 0.95, Route.AUTO_COMPLETE);
    finish(g, new Outcome.Completed());
    RunContext h = start("h", Events.SUPPORT);
    finish(h, new Outcome.Failed(FailureCategory.AUDIT_UNAVAILABLE, "audit down"));

    observability.feedback().thumbsUp("a");
    observability.feedback().thumbsDown("b", "slow");
    observability.feedback().thumbsUp("g");
    observability.feedback().thumbsUp("never-seen");

    ModelCallInfo call = new ModelCallInfo("primary", "openai", Optional.of("gpt-4o"), 1, 1, 3);
    ModelCallResult reply =
        new ModelCallResult(
            Optional.of("gpt-4o-2024-08-06"), Optional.of(new TokenUsage(100, 20)), 1);
    observability.modelCalls().intercept(call, a, () -> reply);
    observability.modelCalls().intercept(call, a, () -> reply);
    assertThatThrownBy(() ->
            observability
                .modelCalls()
                .intercept(
                    call,
                    a,
                    () -> {
                      throw new java.net.SocketTimeoutException("read timed out");
                    }))
        .isInstanceOf(java.net.SocketTimeoutException.class);

    // Tasks by outcome: completion without human intervention is 1 of 6 in orders.
    assertThat(count(MetricNames.TASKS, "workflow", "orders", "outcome", "completed")).isEqualTo(1);
    for (String outcome :
        new String[] {"in_review", "failed", "refused", "escalated", "rate_limited"}) {
      assertThat(count(MetricNames.TASKS, "workflow", "orders", "outcome", outcome))
          .as(outcome)
          .isEqualTo(1);
    }
    assertThat(registry.get(MetricNames.TASKS).tag("workflow", "orders").counters()).hasSize(6);
    assertThat(count(MetricNames.TASKS, "workflow", "support", "outcome", "completed"))
        .isEqualTo(1);
    assertThat(count(MetricNames.TASKS, "workflow", "support", "outcome", "failed")).isEqualTo(1);
    assertThat(count(MetricNames.TASKS_RESUMED, "workflow", "orders", "outcome", "completed"))
        .isEqualTo(1);

    // Confidence: bucket edges include the thresholds (0.55, 0.85 for orders).
    var summary = registry.get(MetricNames.CONFIDENCE).tag("workflow", "orders").summary();
    assertThat(summary.count()).isEqualTo(3);
    assertThat(summary.totalAmount()).isEqualTo(18_000); // basis points
    CountAtBucket[] buckets = summary.takeSnapshot().histogramCounts();
    var cumulative =
        Arrays.stream(buckets)
            .collect(Collectors.toMap(CountAtBucket::bucket, CountAtBucket::count));
    assertThat(cumulative).containsKeys(5500.0, 8500.0);
    assertThat(cumulative.get(3000.0)).isEqualTo(1); // 0.3, on the edge
    assertThat(cumulative.get(5500.0)).isEqualTo(1);
    assertThat(cumulative.get(6000.0)).isEqualTo(2); // 0.6, on the edge
    assertThat(cumulative.get(8500.0)).isEqualTo(2);
    assertThat(cumulative.get(9000.0)).isEqualTo(3); // 0.9, on the edge
    assertThat(cumulative.get(10000.0)).isEqualTo(3);
    assertThat(
            Arrays.stream(
                    registry
                        .get(MetricNames.CONFIDENCE)
                        .tag("workflow", "support")
                        .summary()
                        .takeSnapshot()
                        .histogramCounts())
                .map(CountAtBucket::bucket))
        .contains(6000.0, 9000.0);

    // Tool usage by tool and result, with the offered tool never called at zero.
    assertThat(
            count(
                MetricNames.TOOL_CALLS,
                "workflow",
                "orders",
                "tool",
                "lookup_order",
                "result",
                "success"))
        .isEqualTo(2);
    assertThat(
            count(
                MetricNames.TOOL_CALLS,
                "workflow",
                "orders",
                "tool",
                "refund",
                "result",
                "tool_error"))
        .isEqualTo(1);
    assertThat(
            count(
                MetricNames.TOOL_CALLS,
                "workflow",
                "orders",
                "tool",
                "_unknown",
                "result",
                "unknown_tool"))
        .isEqualTo(1);
    assertThat(
            count(
                MetricNames.TOOL_CALLS,
                "workflow",
                "orders",
                "tool",
                "cancel_order",
                "result",
                "success"))
        .isZero();
    assertThat(
            registry.get(MetricNames.TOOLS_NEVER_CALLED).tag("workflow", "orders").gauge().value())
        .isEqualTo(1);

    // Errors by category.
    assertThat(count(MetricNames.ERRORS, "workflow", "orders", "category", "timeout")).isEqualTo(1);
    assertThat(count(MetricNames.ERRORS, "workflow", "orders", "category", "model")).isEqualTo(1);
    assertThat(count(MetricNames.ERRORS, "workflow", "orders", "category", "tool")).isEqualTo(2);
    assertThat(count(MetricNames.ERRORS, "workflow", "orders", "category", "guard")).isEqualTo(1);
    assertThat(count(MetricNames.ERRORS, "workflow", "orders", "category", "validation"))
        .isEqualTo(1);
    assertThat(count(MetricNames.ERRORS, "workflow", "orders", "category", "rate_limit"))
        .isEqualTo(1);
    assertThat(count(MetricNames.ERRORS, "workflow", "support", "category", "audit")).isEqualTo(1);
    assertThat(registry.get(MetricNames.ERRORS).counters()).hasSize(7);

    // Feedback per workflow.
    assertThat(count(MetricNames.FEEDBACK, "workflow", "orders", "rating", "up")).isEqualTo(1);
    assertThat(count(MetricNames.FEEDBACK, "workflow", "orders", "rating", "down")).isEqualTo(1);
    assertThat(count(MetricNames.FEEDBACK, "workflow", "support", "rating", "up")).isEqualTo(1);
    assertThat(count(MetricNames.FEEDBACK, "workflow", Workflow.UNKNOWN_NAME, "rating", "up"))
        .isEqualTo(1);

    // GenAI client metrics.
    var input =
        registry
            .get(MetricNames.TOKEN_USAGE)
            .tags(
                "gen_ai.operation.name", "chat",
                "gen_ai.provider.name", "openai",
                "gen_ai.request.model", "gpt-4o",
                "gen_ai.response.model", "gpt-4o-2024-08-06",
                "gen_ai.token.type", "input")
            .summary();
    assertThat(input.count()).isEqualTo(2);
    assertThat(input.totalAmount()).isEqualTo(200);
    assertThat(
            registry
                .get(MetricNames.TOKEN_USAGE)
                .tag("gen_ai.token.type", "output")
                .summary()
                .totalAmount())
        .isEqualTo(40);
    var ok =
        registry
            .get(MetricNames.OPERATION_DURATION)
            .tag("gen_ai.response.model", "gpt-4o-2024-08-06")
            .timer();
    assertThat(ok.count()).isEqualTo(2);
    assertThat(ok.getId().getTag("error.type")).isNull();
    assertThat(
            Arrays.stream(ok.takeSnapshot().histogramCounts())
                .map(bucket -> bucket.bucket(java.util.concurrent.TimeUnit.SECONDS)))
        .startsWith(0.01, 0.02, 0.04)
        .endsWith(81.92);
    // Both calls were instant: both in the first bucket, which fractions of a unit would miss.
    assertThat(ok.takeSnapshot().histogramCounts()[0].count()).isEqualTo(2);
    var failed =
        registry
            .get(MetricNames.OPERATION_DURATION)
            .tag("error.type", "java.net.SocketTimeoutException")
            .timer();
    assertThat(failed.count()).isEqualTo(1);

    // Bounded tags only: no task id, principal or run id anywhere.
    Set<String> allowed =
        Set.of(
            "workflow",
            "outcome",
            "tool",
            "result",
            "category",
            "rating",
            "gen_ai.operation.name",
            "gen_ai.provider.name",
            "gen_ai.request.model",
            "gen_ai.response.model",
            "gen_ai.token.type",
            "error.type",
            "le"); // SimpleMeterRegistry shows each histogram bucket as a gauge tagged le
    for (Meter meter : registry.getMeters()) {
      meter.getId().getTags().forEach(t -> assertThat(allowed).contains(t.getKey()));
      meter
          .getId()
          .getTags()
          .forEach(t -> assertThat(t.getValue()).isNotIn("a", "b", "alice", "bob"));
    }
  }

  @Test
  void recoveriesTakeoversAndCallsThatMayHaveRunAreCountedExactly() {
    RunContext a = start("a", Events.ORDERS);
    emit(a, new AgentEvent.TaskRecovered("a", AT, "orders", 5, true));
    emit(a, new AgentEvent.MayHaveRun("a", AT, "refund_order"));
    RunContext b = start("b", Events.ORDERS);
    emit(b, new AgentEvent.TaskRecovered("b", AT, "orders", 3, false));
    RunContext c = start("c", Events.ORDERS);
    emit(c, new AgentEvent.TaskRecovered("c", AT, "orders", 8, true));
    emit(c, new AgentEvent.MayHaveRun("c", AT, "refund_order"));

    assertThat(count(MetricNames.RECOVERIES, "workflow", "orders", "takeover", "true"))
        .isEqualTo(2);
    assertThat(count(MetricNames.RECOVERIES, "workflow", "orders", "takeover", "false"))
        .isEqualTo(1);
    assertThat(count(MetricNames.MAY_HAVE_RUN, "workflow", "orders", "tool", "refund_order"))
        .isEqualTo(2);
  }

  @Test
  void anObservedJournalCountsItsWritesByKindAndStrength() {
    io.agentkeel.api.TaskJournal journal =
        ObservedTaskJournal.observe(new io.agentkeel.core.InMemoryTaskJournal(), registry);
    journal.append(entry(0, io.agentkeel.api.JournalEntry.Kind.STARTED));
    journal.append(entry(1, io.agentkeel.api.JournalEntry.Kind.MODEL_REPLY));
    journal.appendForced(entry(2, io.agentkeel.api.JournalEntry.Kind.TOOL_INTENT));
    assertThatThrownBy(
            () -> journal.appendForced(entry(2, io.agentkeel.api.JournalEntry.Kind.TOOL_INTENT)))
        .isInstanceOf(IllegalStateException.class);

    assertThat(count(MetricNames.JOURNAL_WRITES, "kind", "started", "strength", "buffered"))
        .isEqualTo(1);
    assertThat(count(MetricNames.JOURNAL_WRITES, "kind", "model_reply", "strength", "buffered"))
        .isEqualTo(1);
    assertThat(count(MetricNames.JOURNAL_WRITES, "kind", "tool_intent", "strength", "forced"))
        .isEqualTo(1);
    assertThat(registry.get(MetricNames.JOURNAL_FAILURES).counter().count()).isEqualTo(1);
    assertThat(registry.get(MetricNames.JOURNAL_FORCED_DURATION).timer().count()).isEqualTo(1);
    assertThat(journal.read("j")).hasSize(3);
    assertThat(ObservedTaskJournal.observe(io.agentkeel.api.TaskJournal.none(), registry))
        .as("a journal that keeps nothing is not wrapped")
        .isSameAs(io.agentkeel.api.TaskJournal.none());
  }

  private static io.agentkeel.api.JournalEntry entry(
      long seq, io.agentkeel.api.JournalEntry.Kind kind) {
    return new io.agentkeel.api.JournalEntry("j", seq, kind, kind.name(), "{}");
  }

  @Test
  void metricsOffRegistersNothing() {
    SimpleMeterRegistry empty = new SimpleMeterRegistry();
    Observability off =
        Observability.builder()
            .meterRegistry(empty)
            .openTelemetry(OpenTelemetry.noop())
            .metrics(new MetricsSettings(false, "", false))
            .build();
    RunContext run = Events.run("x", Events.ORDERS);
    Events.everyType(run).forEach(ev -> off.listener().onEvent(ev, run));
    off.feedback().thumbsUp("x");
    assertThat(empty.getMeters()).isEmpty();
  }

  @Test
  void configuredToolsCountAsOfferedWhereTheWorkflowAllowsThem() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    Observability o =
        Observability.builder()
            .meterRegistry(r)
            .openTelemetry(OpenTelemetry.noop())
            .metrics(new MetricsSettings(true, " search , send_mail ,", false))
            .build();
    RunContext support = Events.run("s", Events.SUPPORT); // allows all tools
    o.listener().onEvent(new AgentEvent.TaskStarted("s", AT, "support", "alice"), support);
    // Metrics are recorded on the decision log's thread: flush waits for them.
    o.listener().flush();
    assertThat(r.get(MetricNames.TOOLS_NEVER_CALLED).tag("workflow", "support").gauge().value())
        .isEqualTo(2);
    RunContext orders = Events.run("o", Events.ORDERS); // allows three others
    o.listener().onEvent(new AgentEvent.TaskStarted("o", AT, "orders", "alice"), orders);
    o.listener().flush();
    assertThat(r.get(MetricNames.TOOLS_NEVER_CALLED).tag("workflow", "orders").gauge().value())
        .isEqualTo(3);
  }

  @Test
  void feedbackOnAForgottenTaskIsNotCountedUnderAWorkflowOfTheSameName() {
    // "unknown" is a name an application may give a workflow; core reserves only "_unknown".
    RunContext run = start("t-known", Workflow.builder("unknown").build());
    observability.feedback().thumbsUp("t-known");
    observability.feedback().thumbsUp("t-never-seen");

    // Before: both ratings counted under workflow=unknown, the forgotten task's with the real one.
    assertThat(count(MetricNames.FEEDBACK, "workflow", "unknown", "rating", "up")).isEqualTo(1);
    assertThat(count(MetricNames.FEEDBACK, "workflow", Workflow.UNKNOWN_NAME, "rating", "up"))
        .isEqualTo(1);
    assertThat(run.workflow().name()).isEqualTo("unknown");
  }

  @Test
  void theConfidenceHistogramTellsAnswersBelowAThresholdFromThoseOnIt() {
    // orders: auto-complete from 0.85, review from 0.55.
    RunContext auto = start("on-threshold", Events.ORDERS);
    routed(auto, 0.85, Route.AUTO_COMPLETE);
    // Just below the threshold, so routed to review, though it rounds to the threshold's edge.
    RunContext justBelow = start("just-below", Events.ORDERS);
    routed(justBelow, 0.84999, Route.REVIEW);
    RunContext low = start("low", Events.ORDERS);
    routed(low, 0.8, Route.REVIEW);
    RunContext escalated = start("escalated", Events.ORDERS);
    routed(escalated, 0.54999999, Route.ESCALATE);

    var cumulative =
        Arrays.stream(
                registry
                    .get(MetricNames.CONFIDENCE)
                    .tag("workflow", "orders")
                    .summary()
                    .takeSnapshot()
                    .histogramCounts())
            .collect(Collectors.toMap(CountAtBucket::bucket, CountAtBucket::count));

    // Before: a bucket counts values up to its edge, so the one at 0.85 held the answer routed
    // to review and the one auto-completed alike, and nothing told them apart.
    assertThat(cumulative.get(8499.0)).as("routed below auto-complete").isEqualTo(3);
    assertThat(cumulative.get(8500.0)).isEqualTo(4);
    assertThat(cumulative.get(5499.0)).as("escalated, below review").isEqualTo(1);
    assertThat(cumulative.get(5500.0)).isEqualTo(1);
  }
}
