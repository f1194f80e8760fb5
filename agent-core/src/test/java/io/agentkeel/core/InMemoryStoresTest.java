package io.agentkeel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.VersionedValue;
import io.agentkeel.api.memory.WorkingMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryStoresTest {

  private static ReviewRequest request(String id, Priority priority, Instant at) {
    return new ReviewRequest(
        id,
        Task.builder().input("x").principal(Principal.of("p")).build(),
        ReviewKind.ANSWER,
        priority,
        "because",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "",
        at);
  }

  @Test
  void reviewQueueListsHighestPriorityFirstThenOldest() {
    InMemoryReviewQueue queue = new InMemoryReviewQueue();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    queue.submit(request("late-normal", Priority.NORMAL, t0.plusSeconds(5)));
    queue.submit(request("early-normal", Priority.NORMAL, t0));
    queue.submit(request("high", Priority.HIGH, t0.plusSeconds(9)));

    assertThat(queue.pending())
        .extracting(ReviewRequest::id)
        .containsExactly("high", "early-normal", "late-normal");
    assertThat(queue.find("high")).isPresent();
    assertThatThrownBy(() -> queue.submit(request("high", Priority.LOW, t0)))
        .hasMessageContaining("already queued");
  }

  @Test
  void exactlyOneOfManyConcurrentClaimsGetsTheRequest() throws InterruptedException {
    InMemoryReviewQueue queue = new InMemoryReviewQueue();
    queue.submit(request("r", Priority.NORMAL, Instant.now()));
    AtomicInteger winners = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      threads.add(
          Thread.ofVirtual()
              .start(() -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                queue.claim("r").ifPresent(r -> winners.incrementAndGet());
              }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(winners).hasValue(1);
    assertThat(queue.pending()).isEmpty();
  }

  @Test
  void sessionMemoryKeepsTheMostRecentTurnsPerSession() {
    InMemorySessionMemory memory = new InMemorySessionMemory(10, 3, Duration.ofMinutes(1));
    Instant now = Instant.now();
    MemoryOwner alice = new MemoryOwner("acme", "alice");
    MemoryOwner bob = new MemoryOwner("acme", "bob");
    for (int i = 1; i <= 5; i++) {
      memory.append(alice, "s", new ChatTurn(ChatTurn.Role.USER, "turn " + i, now));
    }

    assertThat(memory.recent(alice, "s", 10))
        .extracting(ChatTurn::text)
        .containsExactly("turn 3", "turn 4", "turn 5");
    assertThat(memory.recent(alice, "s", 2))
        .extracting(ChatTurn::text)
        .containsExactly("turn 4", "turn 5");
    assertThat(memory.recent(alice, "other", 5)).isEmpty();
    assertThat(memory.recent(bob, "s", 5)).isEmpty();
    memory.clear(alice, "s");
    assertThat(memory.recent(alice, "s", 5)).isEmpty();
  }

  @Test
  void workingMemoryIsPerTask() {
    InMemoryWorkingMemory memory = new InMemoryWorkingMemory();
    MemoryOwner alice = new MemoryOwner("acme", "alice");
    memory.put(alice, "t1", "step", "2", 0);
    memory.put(alice, "t2", "step", "7", WorkingMemory.ANY_VERSION);

    assertThat(memory.get("t1", "step")).contains(new VersionedValue("2", 1));
    assertThat(memory.snapshot("t2"))
        .containsExactlyEntriesOf(java.util.Map.of("step", new VersionedValue("7", 1)));
    memory.clear("t1");
    assertThat(memory.get("t1", "step")).isEmpty();
  }
}
