package io.agentkeel.observability;

import io.agentkeel.observability.internal.BoundedLinkStore;
import java.util.Optional;

/**
 * Where the span of a task's first run is kept, as a W3C {@code traceparent}, so that a run resumed
 * after a review, and user feedback, can link to it. The default keeps recent tasks in this
 * process's memory: a resume in another process finds no link unless the application gives {@link
 * Observability.Builder#traceLinks} a store both processes share (a cache, a table).
 *
 * <p>Implementations must be thread-safe and quick: they are called on the task's thread.
 */
public interface TraceLinkStore {

  /**
   * Remembers the span of a task's first run, replacing what was remembered for the task id (a task
   * id used again starts a new task).
   *
   * @param taskId the task
   * @param traceparent the span as a W3C {@code traceparent} header value
   */
  void put(String taskId, String traceparent);

  /**
   * The task's first span.
   *
   * @param taskId the task
   * @return its {@code traceparent}, if remembered
   */
  Optional<String> get(String taskId);

  /**
   * A store in this process's memory that forgets the oldest task beyond a capacity.
   *
   * @param capacity how many tasks to remember, at least 1
   * @return the store
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  static TraceLinkStore inMemory(int capacity) {
    return new BoundedLinkStore(capacity);
  }
}
