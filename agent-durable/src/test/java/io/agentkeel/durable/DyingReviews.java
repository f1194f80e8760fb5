package io.agentkeel.durable;

import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** One simulated process's access to the shared review queue: a dead process reaches nothing. */
final class DyingReviews implements ReviewQueue {
  private final ReviewQueue shared;
  private final BooleanSupplier alive;
  private final List<ReviewRequest> submitted;

  DyingReviews(ReviewQueue shared, BooleanSupplier alive, List<ReviewRequest> submitted) {
    this.shared = shared;
    this.alive = alive;
    this.submitted = submitted;
  }

  private void requireAlive() {
    if (!alive.getAsBoolean()) {
      throw new IllegalStateException("simulated crash: this process is dead");
    }
  }

  @Override
  public void submit(ReviewRequest request) {
    requireAlive();
    shared.submit(request);
    submitted.add(request);
  }

  @Override
  public Optional<ReviewRequest> find(String id) {
    requireAlive();
    return shared.find(id);
  }

  @Override
  public Optional<ReviewRequest> claim(String id) {
    requireAlive();
    return shared.claim(id);
  }

  @Override
  public List<ReviewRequest> pending() {
    requireAlive();
    return shared.pending();
  }
}
