package io.agentkeel.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Confidence;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.memory.WorkingMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ReviewQueue} passes. Extend it in the store's own tests and return a
 * new, empty queue (or one whose requests this test cannot see, such as a fresh table):
 *
 * <pre>{@code
 * class PostgresReviewQueueTest extends ReviewQueueContract {
 *   @Override
 *   protected ReviewQueue newQueue() {
 *     return new PostgresReviewQueue(dataSource, "reviews_" + UUID.randomUUID());
 *   }
 * }
 * }</pre>
 *
 * <p>It checks that a request is found without being removed, that of many concurrent claims of one
 * request exactly one gets it, and that pending requests come highest priority first, then oldest
 * first.
 */
public abstract class ReviewQueueContract {

  /** For subclasses. */
  protected ReviewQueueContract() {}

  /**
   * A new queue holding no request this test has not submitted.
   *
   * @return the queue
   */
  protected abstract ReviewQueue newQueue();

  /**
   * A review request as the agent makes it.
   *
   * @param priority its priority
   * @param createdAt when it was made
   * @return the request, with a unique id
   */
  protected static ReviewRequest request(Priority priority, Instant createdAt) {
    String id = "contract-" + UUID.randomUUID();
    Task task =
        Task.builder()
            .id("task-" + id)
            .input("please check")
            .principal(new Principal("contract-user", "contract-tenant", Set.of("orders:read")))
            .build();
    return new ReviewRequest(
        id,
        task,
        ReviewKind.ANSWER,
        priority,
        "confidence below the threshold",
        Optional.of("the proposed answer"),
        Optional.empty(),
        Optional.empty(),
        "",
        createdAt);
  }

  /** A submitted request can be found, and finding it does not remove it. */
  @Test
  void findShowsARequestWithoutRemovingIt() {
    ReviewQueue queue = newQueue();
    ReviewRequest request = request(Priority.NORMAL, Instant.parse("2026-01-01T00:00:00Z"));

    queue.submit(request);

    assertThat(queue.find(request.id())).contains(request);
    assertThat(queue.find(request.id())).contains(request);
    assertThat(queue.pending()).extracting(ReviewRequest::id).contains(request.id());
  }

  /** A claimed request is gone: not found, not pending, not claimable again. */
  @Test
  void aClaimedRequestIsGone() {
    ReviewQueue queue = newQueue();
    ReviewRequest request = request(Priority.NORMAL, Instant.parse("2026-01-01T00:00:00Z"));
    queue.submit(request);

    assertThat(queue.claim(request.id())).contains(request);

    assertThat(queue.claim(request.id())).isEmpty();
    assertThat(queue.find(request.id())).isEmpty();
    assertThat(queue.pending()).extracting(ReviewRequest::id).doesNotContain(request.id());
  }

  /**
   * Long ids, as {@link ReviewQueue} promises to keep them, are kept whole: a request id and task
   * id of {@link ReviewQueue#MAX_ID_LENGTH} characters and a tenant and principal of {@link
   * WorkingMemory#MAX_NAME_LENGTH}, of characters that take three bytes in UTF-8 and do not
   * compress, the longest a store's index must hold.
   */
  @Test
  void requestsWithIdsOfThePromisedLengthsAreKeptWhole() {
    ReviewQueue queue = newQueue();
    Random random = new Random(11);
    String id = WorkingMemoryContract.longest(random, ReviewQueue.MAX_ID_LENGTH);
    Task task =
        Task.builder()
            .id(WorkingMemoryContract.longest(random, ReviewQueue.MAX_ID_LENGTH))
            .input("please check")
            .principal(
                new Principal(
                    WorkingMemoryContract.longest(random, WorkingMemory.MAX_NAME_LENGTH),
                    WorkingMemoryContract.longest(random, WorkingMemory.MAX_NAME_LENGTH),
                    Set.of("orders:read")))
            .build();
    ReviewRequest request =
        new ReviewRequest(
            id,
            task,
            ReviewKind.ANSWER,
            Priority.NORMAL,
            "confidence below the threshold",
            Optional.of("the proposed answer"),
            Optional.empty(),
            Optional.empty(),
            "",
            Instant.parse("2026-01-01T00:00:00Z"));

    queue.submit(request);

    assertThat(queue.find(id)).contains(request);
    assertThat(queue.pending()).extracting(ReviewRequest::id).contains(id);
    assertThat(queue.claim(id)).contains(request);
  }

  /** Unknown ids are neither found nor claimed. */
  @Test
  void unknownIdsAreEmpty() {
    ReviewQueue queue = newQueue();

    assertThat(queue.find("no-such-request")).isEmpty();
    assertThat(queue.claim("no-such-request")).isEmpty();
  }

  /** Of many concurrent claims of one request, exactly one gets it; repeated for many requests. */
  @Test
  void concurrentClaimsOfOneRequestSucceedExactlyOnce() throws Exception {
    ReviewQueue queue = newQueue();
    int claimers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    try {
      for (int round = 0; round < 25; round++) {
        ReviewRequest request = request(Priority.NORMAL, Instant.parse("2026-01-01T00:00:00Z"));
        queue.submit(request);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger winners = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
          done.add(
              pool.submit(() -> {
                start.await();
                queue.claim(request.id()).ifPresent(claimed -> winners.incrementAndGet());
                return null;
              }));
        }
        start.countDown();
        for (Future<?> future : done) {
          future.get(10, TimeUnit.SECONDS);
        }
        assertThat(winners).as("claims of request %s that succeeded", request.id()).hasValue(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Pending requests come highest priority first, then oldest first. */
  @Test
  void pendingIsOrderedByPriorityThenAge() {
    ReviewQueue queue = newQueue();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    ReviewRequest normalOld = request(Priority.NORMAL, t0);
    ReviewRequest normalNew = request(Priority.NORMAL, t0.plusSeconds(60));
    ReviewRequest highNew = request(Priority.HIGH, t0.plusSeconds(120));
    ReviewRequest highOld = request(Priority.HIGH, t0.plusSeconds(30));
    ReviewRequest low = request(Priority.LOW, t0.minusSeconds(600));
    for (ReviewRequest request : List.of(normalNew, low, highNew, normalOld, highOld)) {
      queue.submit(request);
    }

    List<String> ours =
        List.of(normalOld.id(), normalNew.id(), highNew.id(), highOld.id(), low.id());
    assertThat(queue.pending())
        .extracting(ReviewRequest::id)
        .filteredOn(ours::contains)
        .containsExactly(highOld.id(), highNew.id(), normalOld.id(), normalNew.id(), low.id());
  }

  /**
   * What a store returns is the request that was submitted, every field intact: those a request for
   * a destructive call carries too (its call, confidence, state, the task's workflow, session and
   * attributes), which resuming it needs.
   */
  @Test
  void requestsComeBackIntact() {
    ReviewQueue queue = newQueue();
    ReviewRequest request = request(Priority.HIGH, Instant.parse("2026-03-04T05:06:07.123456Z"));
    queue.submit(request);
    String id = "contract-" + UUID.randomUUID();
    Task task =
        Task.builder()
            .id("task-" + id)
            .input("cancel order 42, \"now\" \u00e9")
            .principal(new Principal("contract-user", "contract-tenant", Set.of("orders:write")))
            .workflow("refunds")
            .sessionId("session-" + id)
            .attribute("channel", "chat")
            .attribute("region", "eu-west")
            .build();
    ReviewRequest full =
        new ReviewRequest(
            id,
            task,
            ReviewKind.DESTRUCTIVE_CALL,
            Priority.LOW,
            "cancel_order is destructive",
            Optional.of("I will cancel order 42."),
            Optional.of(new Confidence(0.625, "the order is found")),
            Optional.of(
                new PendingToolCall(
                    "cancel_order", "{\"order_id\":\"42\"}", List.of("orders:write"))),
            "{\"step\":3,\"note\":\"\u00e9\"}",
            Instant.parse("2026-03-04T05:06:08.654321Z"));
    queue.submit(full);

    assertThat(queue.find(full.id())).contains(full);
    assertThat(queue.claim(request.id())).contains(request);
    assertThat(queue.claim(full.id())).contains(full);
  }
}
