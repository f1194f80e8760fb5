package io.agentkeel.core;

import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A review queue held in this process's memory: requests are lost when it stops, and only this
 * process can resume them. Thread-safe. Binding any {@link ReviewQueue} (this one included) tells
 * the agent that a person is there to confirm destructive tool calls.
 */
public final class InMemoryReviewQueue implements ReviewQueue {

  private static final Comparator<ReviewRequest> PRIORITY_THEN_AGE =
      Comparator.comparing(ReviewRequest::priority)
          .reversed()
          .thenComparing(ReviewRequest::createdAt)
          .thenComparing(ReviewRequest::id);

  private final ConcurrentHashMap<String, ReviewRequest> requests = new ConcurrentHashMap<>();

  /** Creates an empty queue. */
  public InMemoryReviewQueue() {}

  @Override
  public void submit(ReviewRequest request) {
    ReviewRequest previous = requests.putIfAbsent(request.id(), request);
    if (previous != null) {
      throw new IllegalArgumentException("review request '" + request.id() + "' already queued");
    }
  }

  @Override
  public Optional<ReviewRequest> find(String id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public Optional<ReviewRequest> claim(String id) {
    return Optional.ofNullable(requests.remove(id));
  }

  @Override
  public List<ReviewRequest> pending() {
    return requests.values().stream().sorted(PRIORITY_THEN_AGE).toList();
  }
}
