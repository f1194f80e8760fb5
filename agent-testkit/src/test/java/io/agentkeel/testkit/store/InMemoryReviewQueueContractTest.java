package io.agentkeel.testkit.store;

import io.agentkeel.api.ReviewQueue;
import io.agentkeel.core.InMemoryReviewQueue;

/** Core's in-memory review queue keeps the review-queue contract. */
class InMemoryReviewQueueContractTest extends ReviewQueueContract {
  @Override
  protected ReviewQueue newQueue() {
    return new InMemoryReviewQueue();
  }
}
