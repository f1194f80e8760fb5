package io.agentkeel.api;

import java.util.List;
import java.util.Optional;

/**
 * Holds review requests until a person decides. Implementations must be thread-safe; core ships an
 * in-memory default, and a shared store (such as PostgreSQL) lets any process resume a task.
 */
public interface ReviewQueue {

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
