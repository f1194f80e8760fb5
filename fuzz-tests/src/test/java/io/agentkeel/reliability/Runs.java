package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import java.util.List;
import java.util.Set;

/** What every reliability test checks after a run, and the task it runs. */
final class Runs {

  /** The principal of every task: it may read, cancel orders and send notes, never administer. */
  static final Principal USER =
      new Principal("support-bot", "acme", Set.of("orders:read", "orders:write", "notes:write"));

  private Runs() {}

  static Task task(String input) {
    return Task.builder().input(input).principal(USER).build();
  }

  /**
   * Exactly one outcome: one TaskFinished, last in the trace, naming the result's outcome; and the
   * audit trail of the task ends with exactly one TaskFinished too.
   */
  static void assertOneAuditedOutcome(AgentResult result, RecordingAudit audit) {
    assertThat(result.outcome()).isNotNull();
    assertThat(result.trace()).isNotEmpty();
    assertThat(result.trace().stream().filter(AgentEvent.TaskFinished.class::isInstance))
        .hasSize(1);
    assertThat(result.trace().getLast()).isInstanceOf(AgentEvent.TaskFinished.class);
    assertThat(((AgentEvent.TaskFinished) result.trace().getLast()).outcome())
        .isEqualTo(result.outcome());
    List<AgentEvent> audited = audit.events(result.taskId());
    assertThat(audited).isNotEmpty();
    assertThat(audited.getLast()).isInstanceOf(AgentEvent.TaskFinished.class);
    assertThat(audited.stream().filter(AgentEvent.TaskFinished.class::isInstance)).hasSize(1);
  }
}
