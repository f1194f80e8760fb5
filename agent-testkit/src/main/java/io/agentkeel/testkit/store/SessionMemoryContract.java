package io.agentkeel.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SessionMemory} meets. A store's test extends this class and returns a
 * fresh, empty store with the given bound on turns per session; each test uses its own owners and
 * session ids, so a store shared between tests (such as Redis) needs only a unique key prefix.
 */
public abstract class SessionMemoryContract {

  /** The bound on turns per session that {@link #newStore} is asked for. */
  protected static final int MAX_TURNS = 5;

  /** Creates the contract. */
  protected SessionMemoryContract() {}

  /**
   * A fresh store keeping at most {@code maxTurns} turns per session.
   *
   * @param maxTurns the bound
   * @return the store
   */
  protected abstract SessionMemory newStore(int maxTurns);

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456789Z");

  private static MemoryOwner owner(String principal) {
    return new MemoryOwner("tenant-" + UUID.randomUUID(), principal);
  }

  private static ChatTurn turn(int i) {
    return new ChatTurn(
        i % 2 == 0 ? ChatTurn.Role.USER : ChatTurn.Role.ASSISTANT,
        "turn " + i + " | with a bar and ünïcode",
        T0.plusSeconds(i));
  }

  @Test
  void recentTurnsComeBackOldestFirstAndExactlyAsWritten() {
    SessionMemory store = newStore(MAX_TURNS);
    MemoryOwner owner = owner("alice");
    for (int i = 0; i < 3; i++) {
      store.append(owner, "s1", turn(i));
    }
    assertThat(store.recent(owner, "s1", 10)).containsExactly(turn(0), turn(1), turn(2));
    assertThat(store.recent(owner, "s1", 2)).containsExactly(turn(1), turn(2));
    assertThat(store.recent(owner, "s1", 0)).isEmpty();
  }

  @Test
  void anUnknownSessionIsEmpty() {
    assertThat(newStore(MAX_TURNS).recent(owner("alice"), "nobody", 10)).isEmpty();
  }

  @Test
  void keepsOnlyTheNewestTurnsUpToItsBound() {
    SessionMemory store = newStore(MAX_TURNS);
    MemoryOwner owner = owner("alice");
    for (int i = 0; i < MAX_TURNS + 4; i++) {
      store.append(owner, "s1", turn(i));
    }
    List<ChatTurn> kept = store.recent(owner, "s1", 100);
    assertThat(kept).hasSize(MAX_TURNS);
    assertThat(kept.get(0)).isEqualTo(turn(4));
    assertThat(kept.get(MAX_TURNS - 1)).isEqualTo(turn(MAX_TURNS + 3));
  }

  @Test
  void oneOwnersSessionIdNeverReachesAnotherOwnersTurns() {
    SessionMemory store = newStore(MAX_TURNS);
    MemoryOwner alice = owner("alice");
    MemoryOwner bob = new MemoryOwner(alice.tenant(), "bob");
    MemoryOwner aliceElsewhere = new MemoryOwner(alice.tenant() + "-other", "alice");
    store.append(alice, "shared-id", turn(0));
    assertThat(store.recent(bob, "shared-id", 10)).isEmpty();
    assertThat(store.recent(aliceElsewhere, "shared-id", 10)).isEmpty();
    store.append(bob, "shared-id", turn(1));
    assertThat(store.recent(alice, "shared-id", 10)).containsExactly(turn(0));
    assertThat(store.recent(bob, "shared-id", 10)).containsExactly(turn(1));
  }

  @Test
  void ownersWhoseIdsCouldBeConfusedStayApart() {
    SessionMemory store = newStore(MAX_TURNS);
    String tenant = "t-" + UUID.randomUUID();
    MemoryOwner first = new MemoryOwner(tenant + ":a", "b");
    MemoryOwner second = new MemoryOwner(tenant, "a:b");
    store.append(first, "s", turn(0));
    assertThat(store.recent(second, "s", 10)).isEmpty();
    assertThat(store.recent(first, "s:x", 10)).isEmpty();
  }

  @Test
  void clearForgetsOneSessionOnly() {
    SessionMemory store = newStore(MAX_TURNS);
    MemoryOwner owner = owner("alice");
    store.append(owner, "s1", turn(0));
    store.append(owner, "s2", turn(1));
    store.clear(owner, "s1");
    assertThat(store.recent(owner, "s1", 10)).isEmpty();
    assertThat(store.recent(owner, "s2", 10)).containsExactly(turn(1));
  }

  @Test
  void forgettingAnOwnerRemovesEverySessionOfItAndNoOther() {
    SessionMemory store = newStore(MAX_TURNS);
    MemoryOwner alice = owner("alice");
    MemoryOwner bob = new MemoryOwner(alice.tenant(), "bob");
    MemoryOwner aliceElsewhere = new MemoryOwner(alice.tenant() + "-other", "alice");
    store.append(alice, "s1", turn(0));
    store.append(alice, "s2", turn(1));
    store.append(bob, "s1", turn(2));
    store.append(aliceElsewhere, "s1", turn(3));
    assertThat(store.forget(alice)).isEqualTo(2);
    assertThat(store.recent(alice, "s1", 10)).isEmpty();
    assertThat(store.recent(alice, "s2", 10)).isEmpty();
    assertThat(store.recent(bob, "s1", 10)).containsExactly(turn(2));
    assertThat(store.recent(aliceElsewhere, "s1", 10))
        .as("the session of a principal of the same name in another tenant")
        .containsExactly(turn(3));
    assertThat(store.forget(alice)).isZero();
  }

  @Test
  void concurrentAppendsLoseNothingWithinTheBound() throws Exception {
    SessionMemory store = newStore(MAX_TURNS);
    MemoryOwner owner = owner("alice");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < MAX_TURNS; i++) {
        int n = i;
        writes.add(pool.submit(() -> store.append(owner, "s1", turn(n))));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.recent(owner, "s1", 100))
        .containsExactlyInAnyOrder(
            java.util.stream.IntStream.range(0, MAX_TURNS)
                .mapToObj(SessionMemoryContract::turn)
                .toArray(ChatTurn[]::new));
  }
}
