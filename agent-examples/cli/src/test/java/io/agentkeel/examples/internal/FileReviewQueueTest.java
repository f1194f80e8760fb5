package io.agentkeel.examples.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.Confidence;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReviewQueueTest {

  @TempDir Path dir;

  private static ReviewRequest request(String id, Priority priority, Instant at) {
    Task task =
        Task.builder()
            .id("task-" + id)
            .input("Please cancel order O-10001, \"now\" — ünïcode")
            .principal(
                new Principal("cli-user", "acme", java.util.Set.of("orders:read", "orders:*")))
            .workflow("orders")
            .sessionId("s-1")
            .attribute("agentkeel.model", "offline")
            .build();
    return new ReviewRequest(
        id,
        task,
        ReviewKind.DESTRUCTIVE_CALL,
        priority,
        "tool 'cancel_order' is destructive",
        Optional.of("proposed"),
        Optional.of(new Confidence(0.7, "because")),
        Optional.of(
            new PendingToolCall(
                "cancel_order", "{\"order_id\":\"O-10001\"}", List.of("orders:write"))),
        "{\"version\":1,\"messages\":\"[...]\"}",
        at);
  }

  @Test
  void aRequestSurvivesReopeningTheQueueFieldForField() {
    ReviewRequest original = request("r1", Priority.NORMAL, Instant.parse("2026-01-01T00:00:00Z"));
    new FileReviewQueue(dir).submit(original);
    assertThat(new FileReviewQueue(dir).find("r1")).contains(original);
  }

  @Test
  void pendingIsHighestPriorityFirstThenOldestAndClaimRemoves() {
    FileReviewQueue queue = new FileReviewQueue(dir);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    queue.submit(request("late-normal", Priority.NORMAL, t.plusSeconds(10)));
    queue.submit(request("early-normal", Priority.NORMAL, t));
    queue.submit(request("high", Priority.HIGH, t.plusSeconds(20)));
    assertThat(queue.pending())
        .extracting(ReviewRequest::id)
        .containsExactly("high", "early-normal", "late-normal");
    assertThat(queue.claim("high")).isPresent();
    assertThat(queue.claim("high")).isEmpty();
    assertThat(queue.find("high")).isEmpty();
    assertThat(queue.pending()).hasSize(2);
  }

  @Test
  void ofManyConcurrentClaimsOfOneRequestExactlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      FileReviewQueue queue = new FileReviewQueue(dir.resolve("round-" + round));
      queue.submit(request("r", Priority.NORMAL, Instant.now()));
      ConcurrentLinkedQueue<ReviewRequest> winners = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < 8; i++) {
          FileReviewQueue own = new FileReviewQueue(dir.resolve("round-" + round));
          pool.submit(() -> {
            start.await();
            own.claim("r").ifPresent(winners::add);
            return null;
          });
        }
        start.countDown();
      }
      assertThat(winners).hasSize(1);
    }
  }

  @Test
  void anIdThatIsNotAReviewIdIsRefusedWithTheFix() {
    FileReviewQueue queue = new FileReviewQueue(dir);
    assertThatThrownBy(() -> queue.find("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("review list");
  }
}
