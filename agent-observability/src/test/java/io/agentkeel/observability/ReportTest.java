package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.ModelFailureKind;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.Route;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolFailureKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportTest {

  static final Instant FROM = Events.AT.minus(Duration.ofHours(1));
  static final Instant TO = Events.AT.plus(Duration.ofHours(1));

  /** Decision log lines of a known mix, spread over the window, plus noise a log file holds. */
  static List<String> scenarioLines() {
    Observability o =
        Observability.builder()
            .meterRegistry(new SimpleMeterRegistry())
            .openTelemetry(OpenTelemetry.noop())
            .clock(Events.CLOCK)
            .build();
    List<String> lines = new ArrayList<>();
    try (LogCapture capture = new LogCapture()) {
      double[] confidences = {0.95, 0.9, 0.88, 0.7, 0.6, 0.3, 0.97, 0.86};
      for (int i = 0; i < confidences.length; i++) {
        String id = "r-" + i;
        RunContext run = Events.run(id, i % 4 == 3 ? Events.SUPPORT : Events.ORDERS);
        Instant at = FROM.plus(Duration.ofMinutes(10 + 12L * i));
        emit(o, run, new AgentEvent.TaskStarted(id, at, run.workflow().name(), "alice"));
        emit(
            o,
            run,
            new AgentEvent.ModelCalled(
                id, at, "primary", 1, Duration.ofMillis(100), Optional.of(new TokenUsage(50, 10))));
        emit(o, run, new AgentEvent.ToolCalled(id, at, "lookup_order", "{}", Duration.ofMillis(3)));
        if (i == 2) {
          emit(
              o,
              run,
              new AgentEvent.ToolFailed(
                  id, at, "refund", "{}", ToolFailureKind.TIMEOUT, "slow", Duration.ofSeconds(5)));
          emit(
              o,
              run,
              new AgentEvent.ModelFailed(
                  id, at, "primary", ModelFailureKind.SERVER_ERROR, "503", Duration.ZERO));
        }
        Route route = run.workflow().thresholds().route(confidences[i]);
        emit(o, run, new AgentEvent.Routed(id, at, new Confidence(confidences[i], "s"), route));
        Outcome outcome =
            switch (route) {
              case AUTO_COMPLETE -> new Outcome.Completed();
              case REVIEW ->
                  new Outcome.InReview(Events.review(run, ReviewKind.ANSWER, Priority.NORMAL));
              case ESCALATE ->
                  new Outcome.Escalated(Events.review(run, ReviewKind.ESCALATION, Priority.HIGH));
            };
        emit(
            o,
            run,
            new AgentEvent.TaskFinished(
                id, at, outcome, Duration.ofMillis(200), new TokenUsage(50, 10), 1));
      }
      RunContext failed = Events.run("f", Events.ORDERS);
      emit(o, failed, new AgentEvent.TaskStarted("f", Events.AT, "orders", "alice"));
      emit(
          o,
          failed,
          new AgentEvent.TaskFinished(
              "f",
              Events.AT,
              new Outcome.Failed(FailureCategory.AUDIT_UNAVAILABLE, "audit down"),
              Duration.ZERO,
              TokenUsage.ZERO,
              0));
      RunContext late = Events.run("late", Events.ORDERS);
      emit(
          o,
          late,
          new AgentEvent.TaskFinished(
              "late", TO, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 0));
      o.feedback().thumbsUp("r-0");
      o.feedback().thumbsUp("r-1");
      o.feedback().thumbsDown("r-5", "wrong");
      o.listener().flush();
      // Only this scenario's lines: another test's asynchronous writer may still be writing.
      capture.lines().stream().filter(ReportTest::ours).forEach(lines::add);
    }
    lines.add(0, "2030-01-01 09:00:00 INFO some.other.Logger - started");
    lines.add(1, "{\"not\":\"a decision\"}");
    lines.add(2, "INFO io.agentkeel.decisions - " + lines.remove(3));
    return lines;
  }

  private static final java.util.regex.Pattern OURS =
      java.util.regex.Pattern.compile("\"task_id\":\"(r-[0-9]+|f|late)\"");

  private static boolean ours(String line) {
    return OURS.matcher(line).find();
  }

  private static void emit(Observability o, RunContext run, AgentEvent event) {
    o.listener().onEvent(event, run);
  }

  @Test
  void theFiveMetricsOfAWindowComeFromTheDecisionLog() {
    ObservabilityReport r = ObservabilityReport.fromDecisionLog(scenarioLines().stream(), FROM, TO);

    assertThat(r.linesSkipped()).isEqualTo(2);
    // orders: 0.95 0.9 0.88 0.6 0.3 0.97 -> 4 completed (>= 0.85), 1 review, 1 escalated;
    // support (0.9 / 0.6): 0.7 -> review, 0.86 -> review; plus the failed audit task.
    assertThat(r.tasks())
        .containsEntry("completed", 4L)
        .containsEntry("in_review", 3L)
        .containsEntry("escalated", 1L)
        .containsEntry("failed", 1L)
        .hasSize(4);
    assertThat(r.taskCount()).isEqualTo(9);
    assertThat(r.completionRate()).isEqualTo(4 / 9.0);
    assertThat(r.outcomesOverTime()).hasSize(12);
    assertThat(
            r.outcomesOverTime().stream()
                .mapToLong(s -> s.outcomes().values().stream().mapToLong(Long::longValue).sum())
                .sum())
        .isEqualTo(9);
    assertThat(r.confidence().count()).isEqualTo(8);
    assertThat(r.confidence().bins().get(19)).isEqualTo(2); // 0.95, 0.97
    assertThat(r.confidence().bins().get(17)).isEqualTo(2); // [0.85, 0.9): 0.88, 0.86
    assertThat(r.confidence().bins().get(18)).isEqualTo(1); // 0.9
    assertThat(r.confidence().thresholds())
        .containsEntry("orders", List.of(0.85, 0.55))
        .containsEntry("support", List.of(0.9, 0.6));
    assertThat(r.tools().calls().get("lookup_order")).containsEntry("success", 8L);
    assertThat(r.tools().calls().get("refund")).containsEntry("timeout", 1L);
    assertThat(r.tools().neverCalled()).containsExactly("cancel_order");
    assertThat(r.errors())
        .containsEntry("timeout", 1L)
        .containsEntry("model", 1L)
        .containsEntry("audit", 1L)
        .containsEntry("tool", 0L)
        .hasSize(7);
    assertThat(r.errorRate()).isEqualTo(3 / 9.0);
    assertThat(r.models().calls()).isEqualTo(8);
    assertThat(r.models().failures()).isEqualTo(1);
    assertThat(r.models().inputTokens()).isEqualTo(400);
    assertThat(r.models().meanLatencyMs()).isEqualTo(100.0);
    assertThat(r.feedback().up()).isEqualTo(2);
    assertThat(r.feedback().down()).isEqualTo(1);
    assertThat(r.feedback().satisfaction()).isEqualTo(2 / 3.0);

    String text = r.toText();
    assertThat(text)
        .contains("Task completion without human intervention: 44.4% of 9 tasks")
        .contains("never called: [cancel_order]")
        .contains("User satisfaction: 66.7% (2 up, 1 down)");

    JsonNode json = DecisionLogSchema.MAPPER.readTree(r.toJson());
    assertThat(json.get("tasks_total").asLong()).isEqualTo(9);
    assertThat(json.get("tasks").get("completed").asLong()).isEqualTo(4);
    assertThat(json.get("errors").get("audit").asLong()).isEqualTo(1);
    assertThat(json.get("tools").get("never_called").get(0).asString()).isEqualTo("cancel_order");
    assertThat(json.get("confidence").get("bins").size()).isEqualTo(20);
    assertThat(json.get("feedback").get("satisfaction").asDouble()).isEqualTo(2 / 3.0);
  }

  @Test
  void theWindowSelectsLines() {
    ObservabilityReport r =
        ObservabilityReport.fromDecisionLog(
            scenarioLines().stream(), TO, TO.plus(Duration.ofMinutes(1)));
    assertThat(r.tasks()).containsExactly(java.util.Map.entry("completed", 1L));
    assertThatThrownBy(
            () -> ObservabilityReport.fromDecisionLog(List.<String>of().stream(), TO, FROM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end after its start");
  }

  @Test
  void aWindowWithoutTasksOrRatingsSaysSoRatherThanZeroPercent() {
    ObservabilityReport r =
        ObservabilityReport.fromDecisionLog(List.<String>of().stream(), FROM, TO);

    assertThat(r.toText())
        .contains("Task completion without human intervention: no tasks in this window\n")
        .contains("2. Confidence: 0 scored\n")
        .contains("6. User satisfaction: no ratings (0 up, 0 down)")
        .doesNotContain("%");
    assertThat(r.toHtml())
        .contains("<span>Completed without a person</span><b>\u2014</b><span>0 tasks</span>")
        .contains("<span>Mean confidence</span><b>\u2014</b>")
        .contains("<span>User satisfaction</span><b>\u2014</b><span>0 up, 0 down</span>");
    // The JSON keeps its numbers (documented as 0 without data) beside the counts that explain it.
    assertThat(r.toJson()).contains("\"up\":0", "\"down\":0");
  }

  @Test
  void theHtmlPageLoadsNothing() {
    String html = ObservabilityReport.fromDecisionLog(scenarioLines().stream(), FROM, TO).toHtml();
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("id=\"chart-confidence\"", "id=\"chart-outcomes\"", "id=\"chart-tools\"")
        .contains("id=\"chart-errors\"", "never called", "auto orders 0.85")
        .doesNotContain("<script", "src=", "href=", "url(", "@import");
    // The only URL is the SVG namespace, an identifier that is never fetched.
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http");
  }
}
