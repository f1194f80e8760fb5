package io.agentkeel.observability.internal;

import io.agentkeel.api.RunContext;
import java.util.Optional;

/**
 * The recent tasks this process has seen, by task id, with their latest run context: feedback reads
 * the workflow from it and hands it to the output filters. Bounded: the oldest task is forgotten
 * first. Lock-free.
 */
public final class TaskIndex {

  private final BoundedMap<RunContext> entries;

  /**
   * Creates an index.
   *
   * @param capacity how many tasks to keep, at least 1
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public TaskIndex(int capacity) {
    this.entries = new BoundedMap<>(capacity, "task index");
  }

  /**
   * Records a task's run.
   *
   * @param context the run
   */
  public void seen(RunContext context) {
    entries.put(context.task().id(), context);
  }

  /**
   * The latest run of a task.
   *
   * @param taskId the task
   * @return its run context, if still remembered
   */
  public Optional<RunContext> get(String taskId) {
    return entries.get(taskId);
  }
}
