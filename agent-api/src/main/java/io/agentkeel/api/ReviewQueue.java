package io.agentkeel.api;

import io.agentkeel.api.memory.WorkingMemory;
import java.util.List;
import java.util.Optional;

/**
 * Holds review requests until a person decides. Implementations must be thread-safe; core ships an
 * in-memory default, and a shared store (such as PostgreSQL) lets any process resume a task.
 *
 * <p>Every implementation keeps requests whose id and task id are up to {@link #MAX_ID_LENGTH}
 * characters long and whose tenant and principal ids are up to {@link
 * WorkingMemory#MAX_NAME_LENGTH}, whatever their characters; a queue may keep longer ones.
 */
public interface ReviewQueue {

  /** The longest request id or task id every queue keeps, in UTF-16 characters. */
  int MAX_ID_LENGTH = WorkingMemory.MAX_TASK_ID_LENGTH;

  /**
   * Adds a request. It stays until {@linkplain #claim claimed}.
   *
   * @param request the request
   */
  void submit(ReviewRequest request);

  /**
   * Looks a request up without removing it.
   *
   * @param id the request's id
   * @return the request, if it is waiting
   */
  Optional<ReviewRequest> find(String id);

  /**
   * Removes a request so that exactly one caller resumes it. Of two concurrent claims of one
   * request, one gets it and the other gets empty.
   *
   * @param id the request's id
   * @return the request, if it was waiting
   */
  Optional<ReviewRequest> claim(String id);

  /**
   * The waiting requests, highest priority first, then oldest first.
   *
   * @return a snapshot of the waiting requests
   */
  List<ReviewRequest> pending();
}
