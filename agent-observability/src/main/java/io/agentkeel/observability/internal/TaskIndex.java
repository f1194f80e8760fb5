package io.agentkeel.observability.internal;

import io.agentkeel.api.RunContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recent tasks this process has seen, by task id, with their latest run context: feedback reads
 * the workflow from it and hands it to the output filters. Bounded: the least recently seen task is
 * forgotten first.
 */
public final class TaskIndex {

  private final int capacity;
  private final Map<String, RunContext> entries;

  /**
   * Creates an index.
   *
   * @param capacity how many tasks to keep, at least 1
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public TaskIndex(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("task index capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(64, 0.75f, true);
  }

  /**
   * Records a task's run.
   *
   * @param context the run
   */
  public synchronized void seen(RunContext context) {
    entries.put(context.task().id(), context);
    if (entries.size() > capacity) {
      var eldest = entries.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /**
   * The latest run of a task.
   *
   * @param taskId the task
   * @return its run context, if still remembered
   */
  public synchronized Optional<RunContext> get(String taskId) {
    return Optional.ofNullable(entries.get(taskId));
  }
}
