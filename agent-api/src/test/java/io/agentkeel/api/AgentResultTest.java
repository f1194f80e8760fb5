package io.agentkeel.api;

import static io.agentkeel.api.Fixtures.AT;
import static io.agentkeel.api.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AgentResultTest {

  static AgentResult result(Outcome outcome) {
    return new AgentResult("task-1", outcome, Optional.empty(), Optional.empty(), "why", List.of());
  }

  @Test
  void completedIsTrueForACompletedOutcome() {
    assertThat(result(new Outcome.Completed()).completed()).isTrue();
  }

  static Stream<Outcome> notCompleted() {
    return Stream.of(
        new Outcome.InReview(request(ReviewKind.ANSWER, Priority.NORMAL, "confidence 0.6")),
        new Outcome.Escalated(request(ReviewKind.ESCALATION, Priority.HIGH, "confidence 0.2")),
        new Outcome.Refused("injection-guard", "blocked"),
        new Outcome.RateLimited("task", Duration.ofSeconds(1)),
        new Outcome.Failed(FailureCategory.INTERNAL, "defect"));
  }

  @ParameterizedTest
  @MethodSource("notCompleted")
  void completedIsFalseForEveryOtherOutcome(Outcome outcome) {
    assertThat(result(outcome).completed()).isFalse();
  }

  @Test
  void traceIsACopyThatCannotBeChanged() {
    List<AgentEvent> trace = new ArrayList<>();
    trace.add(new AgentEvent.TaskStarted("task-1", AT, "default", "support-bot"));
    AgentResult result =
        new AgentResult(
            "task-1",
            new Outcome.Completed(),
            Optional.of("done"),
            Optional.of(new Confidence(0.9, "")),
            "answered",
            trace);
    trace.clear();

    assertThat(result.trace()).hasSize(1);
    assertThatThrownBy(() -> result.trace().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullComponentsNamingThem() {
    Outcome done = new Outcome.Completed();
    assertThatNullPointerException()
        .isThrownBy(
            () -> new AgentResult(null, done, Optional.empty(), Optional.empty(), "r", List.of()))
        .withMessage("taskId");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new AgentResult("t", null, Optional.empty(), Optional.empty(), "r", List.of()))
        .withMessage("outcome");
    assertThatNullPointerException()
        .isThrownBy(() -> new AgentResult("t", done, null, Optional.empty(), "r", List.of()))
        .withMessage("answer");
    assertThatNullPointerException()
        .isThrownBy(() -> new AgentResult("t", done, Optional.empty(), null, "r", List.of()))
        .withMessage("confidence");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new AgentResult("t", done, Optional.empty(), Optional.empty(), null, List.of()))
        .withMessage("reason");
  }
}
