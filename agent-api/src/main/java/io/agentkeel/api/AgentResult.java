package io.agentkeel.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of a task: exactly one outcome, the answer if there is one, how confident the agent was,
 * why it ended this way, and the trace of events that led here.
 *
 * @param taskId the task's id
 * @param outcome how it ended
 * @param answer the answer after output filtering, if the task produced one
 * @param confidence the confidence that routed the answer, if one was scored
 * @param reason why it ended this way, in one sentence
 * @param trace the events of this run of the task, in order; for a task resumed after review, the
 *     events from the resume on (the earlier ones are in the earlier result and the audit log)
 */
public record AgentResult(
    String taskId,
    Outcome outcome,
    Optional<String> answer,
    Optional<Confidence> confidence,
    String reason,
    List<AgentEvent> trace) {

  /**
   * Validates the result.
   *
   * @throws NullPointerException if a component is null
   */
  public AgentResult {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(reason, "reason");
    trace = List.copyOf(trace);
  }

  /**
   * Tells whether the task completed.
   *
   * @return whether the outcome is {@link Outcome.Completed}
   */
  public boolean completed() {
    return outcome instanceof Outcome.Completed;
  }
}
