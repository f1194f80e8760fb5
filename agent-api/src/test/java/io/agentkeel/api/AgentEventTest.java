package io.agentkeel.api;

import static io.agentkeel.api.Fixtures.AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentEventTest {

  @Test
  void retryScheduledCopiesItsReasons() {
    List<String> reasons = new ArrayList<>(List.of("no order number"));
    AgentEvent.RetryScheduled event = new AgentEvent.RetryScheduled("task-1", AT, 1, reasons);
    reasons.add("no date");

    assertThat(event.reasons()).containsExactly("no order number");
    assertThatThrownBy(() -> event.reasons().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void everyEventNeedsATaskAndATime() {
    assertThatNullPointerException()
        .isThrownBy(() -> new AgentEvent.TaskStarted(null, AT, "default", "bot"))
        .withMessage("taskId");
    assertThatNullPointerException()
        .isThrownBy(() -> new AgentEvent.ToolCalled("task-1", null, "lookup", "{}", Duration.ZERO))
        .withMessage("at");
  }

  @Test
  void durableExecutionEventsNeedTheirTaskAndTool() {
    assertThatNullPointerException()
        .isThrownBy(() -> new AgentEvent.TaskRecovered("task-1", AT, null, 3, true))
        .withMessage("workflow");
    assertThatNullPointerException()
        .isThrownBy(() -> new AgentEvent.MayHaveRun("task-1", AT, null))
        .withMessage("tool");
  }

  @Test
  void eventsThatClassifyNeedTheirClassification() {
    assertThatNullPointerException()
        .isThrownBy(() ->
            new AgentEvent.TaskFinished("task-1", AT, null, Duration.ZERO, TokenUsage.ZERO, 0))
        .withMessage("outcome");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new AgentEvent.ToolFailed("task-1", AT, "lookup", "{}", null, "r", Duration.ZERO))
        .withMessage("kind");
    assertThatNullPointerException()
        .isThrownBy(() -> new AgentEvent.Routed("task-1", AT, new Confidence(0.5, ""), null))
        .withMessage("route");
  }

  @Test
  void theFamilyIsClosedOverSeventeenEvents() {
    assertThat(AgentEvent.class.isSealed()).isTrue();
    assertThat(AgentEvent.class.getPermittedSubclasses()).hasSize(17);
  }
}
