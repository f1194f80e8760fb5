package io.agentkeel.core;

import io.agentkeel.api.Task;

/**
 * Orders queued tasks: when more tasks are submitted than may run at once, the highest score runs
 * first, and tasks of equal score run in the order they were submitted.
 */
@FunctionalInterface
public interface TaskScorer {

  /** Scores every task the same, so that tasks run in the order they were submitted. */
  TaskScorer FIFO = task -> 0.0;

  /**
   * Scores a task.
   *
   * @param task the queued task
   * @return its score; higher runs first
   */
  double score(Task task);
}
