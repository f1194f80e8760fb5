package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.memory.MemoryOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The persistent review queue's behaviour, run on each engine by a subclass. */
abstract class JdbcReviewQueueTests {

  /** A fresh queue on the engine; may share the database with earlier calls. */
  abstract JdbcReviewQueue queue();

  /** A second queue on the same tables through other connections, as another instance would. */
  abstract JdbcReviewQueue otherInstance();

  @Test
  void aRequestSurvivesTheRoundTripExactly() {
    JdbcReviewQueue queue = queue();
    ReviewRequest full =
        ReviewRequests.full(
            ReviewRequests.id(),
            Priority.HIGH,
            Instant.parse("2026-01-01T00:00:00.123456Z"),
            "acme",
            "alice");
    ReviewRequest bare =
        ReviewRequests.bare(
            ReviewRequests.id(), Priority.LOW, Instant.parse("2026-01-01T00:00:00Z"));
    queue.submit(full);
    queue.submit(bare);
    assertThat(queue.find(full.id())).contains(full);
    assertThat(otherInstance().find(bare.id())).contains(bare);
  }

  @Test
  void pendingIsHighestPriorityFirstThenOldestFirst() {
    JdbcReviewQueue queue = queue();
    Instant t = Instant.parse("2030-01-01T00:00:00Z");
    ReviewRequest lowOld = ReviewRequests.bare(ReviewRequests.id(), Priority.LOW, t);
    ReviewRequest highNew =
        ReviewRequests.bare(ReviewRequests.id(), Priority.HIGH, t.plusSeconds(10));
    ReviewRequest highOld =
        ReviewRequests.bare(ReviewRequests.id(), Priority.HIGH, t.plusSeconds(1));
    ReviewRequest normal = ReviewRequests.bare(ReviewRequests.id(), Priority.NORMAL, t);
    for (ReviewRequest r : List.of(lowOld, highNew, highOld, normal)) {
      queue.submit(r);
    }
    List<String> ids = queue.pending().stream().map(ReviewRequest::id).toList();
    assertThat(ids).containsSubsequence(highOld.id(), highNew.id(), normal.id(), lowOld.id());
  }

  @Test
  void aClaimRemovesTheRequestOnce() {
    JdbcReviewQueue queue = queue();
    ReviewRequest request =
        ReviewRequests.bare(ReviewRequests.id(), Priority.NORMAL, Instant.now());
    queue.submit(request);
    assertThat(queue.claim(request.id())).contains(request);
    assertThat(queue.claim(request.id())).isEmpty();
    assertThat(queue.find(request.id())).isEmpty();
    assertThat(otherInstance().claim(request.id())).isEmpty();
    assertThat(queue.claim("never-submitted")).isEmpty();
  }

  @Test
  void aDuplicateIdIsRefused() {
    JdbcReviewQueue queue = queue();
    ReviewRequest request =
        ReviewRequests.bare(ReviewRequests.id(), Priority.NORMAL, Instant.now());
    queue.submit(request);
    assertThatThrownBy(() -> queue.submit(request)).hasMessageContaining("already waiting");
  }

  @Test
  void ofManyConcurrentClaimsAcrossInstancesExactlyOneWins() throws Exception {
    JdbcReviewQueue first = queue();
    JdbcReviewQueue second = otherInstance();
    for (int round = 0; round < 20; round++) {
      ReviewRequest request =
          ReviewRequests.bare(ReviewRequests.id(), Priority.NORMAL, Instant.now());
      first.submit(request);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<Optional<ReviewRequest>>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          JdbcReviewQueue queue = i % 2 == 0 ? first : second;
          claims.add(
              pool.submit(() -> {
                start.await();
                return queue.claim(request.id());
              }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Optional<ReviewRequest>> claim : claims) {
          winners += claim.get().isPresent() ? 1 : 0;
        }
        assertThat(winners).as("round " + round).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void forgettingAnOwnerRemovesItsWaitingRequestsOnly() {
    JdbcReviewQueue queue = queue();
    String tenant = "t-" + ReviewRequests.id();
    ReviewRequest alice =
        ReviewRequests.full(ReviewRequests.id(), Priority.NORMAL, Instant.now(), tenant, "alice");
    ReviewRequest bob =
        ReviewRequests.full(ReviewRequests.id(), Priority.NORMAL, Instant.now(), tenant, "bob");
    queue.submit(alice);
    queue.submit(bob);
    assertThat(queue.forget(new MemoryOwner(tenant, "alice"))).isEqualTo(1);
    assertThat(queue.find(alice.id())).isEmpty();
    assertThat(queue.find(bob.id())).contains(bob);
  }
}
