package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A second run of a task in flight, which core refuses as a duplicate (a client's retry, a message
 * delivered twice), is not a task: neither the metrics nor the report count it as one.
 */
class DuplicateRunCountTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Observability observability =
      Observability.builder()
          .meterRegistry(registry)
          .openTelemetry(OpenTelemetry.noop())
          .clock(Events.CLOCK)
          .build();

  private void emit(RunContext run, AgentEvent event) {
    observability.listener().onEvent(event, run);
  }

  @Test
  void aRefusedDuplicateRunCountsAsNoTask() {
    List<String> lines;
    try (LogCapture capture = new LogCapture()) {
      RunContext first = Events.run("t-dup", Events.ORDERS);
      emit(first, new AgentEvent.TaskStarted("t-dup", Events.AT, "orders", "alice"));
      // What core emits for the refused second run while the first is in flight.
      RunContext second = Events.run("t-dup", Events.ORDERS);
      String reason = "task 't-dup' is already in flight; the second run was refused";
      emit(second, new AgentEvent.TaskStarted("t-dup", Events.AT, "orders", "alice"));
      emit(
          second,
          new AgentEvent.LimitReached("t-dup", Events.AT, AgentEvent.Limit.DUPLICATE_TASK, reason));
      emit(
          second,
          new AgentEvent.TaskFinished(
              "t-dup",
              Events.AT,
              new Outcome.Failed(FailureCategory.INVALID_TASK, reason),
              Duration.ZERO,
              TokenUsage.ZERO,
              0));
      emit(
          first,
          new AgentEvent.TaskFinished(
              "t-dup",
              Events.AT,
              new Outcome.Completed(),
              Duration.ofMillis(20),
              TokenUsage.ZERO,
              1));
      observability.listener().flush();
      lines = capture.lines().stream().filter(l -> l.contains("\"t-dup\"")).toList();
    }

    // Before: the refusal counted as a failed first run, so one client retry halved the share of
    // tasks completed without a person, in the metrics and in the report alike.
    assertThat(registry.get(MetricNames.TASKS).counters())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.getId().getTag("outcome")).isEqualTo("completed");
          assertThat(c.count()).isEqualTo(1);
        });
    ObservabilityReport report =
        ObservabilityReport.fromDecisionLog(lines.stream(), ReportTest.FROM, ReportTest.TO);
    assertThat(report.tasks()).isEqualTo(Map.of("completed", 1L));
    assertThat(report.completionRate()).isEqualTo(1.0);
  }
}
