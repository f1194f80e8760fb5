package io.agentkeel.observability;

import java.util.Optional;

/**
 * Where users' thumbs up and down land: each rating is counted in {@link MetricNames#FEEDBACK} by
 * the task's workflow, written to the decision log, and recorded as a {@code agentkeel.feedback}
 * span in the task's trace (a child of, and linked to, the task's first span). Thread-safe.
 */
public interface Feedback {

  /**
   * Records a rating for a task.
   *
   * @param taskId the task rated; a task this process no longer remembers is counted under the
   *     workflow {@value DecisionLog#UNKNOWN_WORKFLOW}
   * @param rating up or down
   * @param comment what the user said, if anything; written to the decision log only after the
   *     output filters, and so only for a task this process still remembers (the filters need its
   *     run); otherwise only its length is written
   * @throws IllegalArgumentException if {@code taskId} is blank
   * @throws NullPointerException if an argument is null
   */
  void record(String taskId, Rating rating, Optional<String> comment);

  /**
   * Records a thumbs up without comment.
   *
   * @param taskId the task
   */
  default void thumbsUp(String taskId) {
    record(taskId, Rating.UP, Optional.empty());
  }

  /**
   * Records a thumbs down with a comment.
   *
   * @param taskId the task
   * @param comment what the user said
   */
  default void thumbsDown(String taskId, String comment) {
    record(taskId, Rating.DOWN, Optional.of(comment));
  }
}
