package io.agentkeel.observability.internal;

import io.agentkeel.api.RunContext;
import io.agentkeel.observability.TraceLinkStore;
import java.util.Optional;

/**
 * The recent tasks this process has seen, by task id, with their latest run context (feedback reads
 * the workflow from it and hands it to the output filters) and, through {@link #links}, the span of
 * their first run. Bounded: the oldest task is forgotten first. Lock-free.
 *
 * <p>One map for both: a task costs one entry and one eviction of the oldest, not one per map (with
 * thousands of tasks, the evicted entry is cold in the cache and that miss is the cost).
 */
public final class TaskIndex {

  /** What is remembered of one task. */
  private static final class Known {
    private volatile RunContext latest;
    // The run before the latest: what the latest gives way to if core refuses it as a duplicate.
    private volatile RunContext previous;
    private volatile String traceparent;
  }

  private final BoundedMap<Known> entries;

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
    Known known = known(context.task().id());
    known.previous = known.latest;
    known.latest = context;
  }

  /**
   * Forgets a run core refused as a second run of a task in flight: the task's latest run is again
   * the one before it.
   *
   * @param context the refused run
   */
  public void refused(RunContext context) {
    Known known = entries.valueOf(context.task().id());
    if (known != null && known.latest == context && known.previous != null) {
      known.latest = known.previous;
    }
  }

  /**
   * The latest run of a task.
   *
   * @param taskId the task
   * @return its run context, if still remembered
   */
  public Optional<RunContext> get(String taskId) {
    return entries.get(taskId).map(known -> known.latest);
  }

  /**
   * The trace links kept beside the tasks: the in-memory default of {@link TraceLinkStore}, with
   * this index's capacity.
   *
   * @return the store
   */
  public TraceLinkStore links() {
    return new TraceLinkStore() {
      @Override
      public void put(String taskId, String traceparent) {
        known(taskId).traceparent = traceparent;
      }

      @Override
      public Optional<String> get(String taskId) {
        return entries.get(taskId).map(known -> known.traceparent);
      }
    };
  }

  private Known known(String taskId) {
    Known known = entries.valueOf(taskId);
    if (known == null) {
      Known fresh = new Known();
      known = entries.putIfAbsent(taskId, fresh);
      if (known == null) {
        known = fresh;
      }
    }
    return known;
  }
}
