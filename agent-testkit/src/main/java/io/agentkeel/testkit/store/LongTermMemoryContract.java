package io.agentkeel.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LongTermMemory} meets: recall stays within the owner and the metadata
 * filter, respects the limit, scores as {@code relevanceWeight * relevance + recencyWeight *
 * recency} with recency halving every half-life since last use, lets recency reorder memories
 * exactly as the weights say, keeps a clearly most relevant old memory on top under the default
 * weights, updates last use, and forgets by id and by owner.
 *
 * <p>A store's test extends this class and returns a store that reads time from the given {@link
 * MutableClock}; it may embed with any sentence model. Each test uses its own owners.
 */
public abstract class LongTermMemoryContract {

  /** When every test's clock starts. */
  protected static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  /** Creates the contract. */
  protected LongTermMemoryContract() {}

  /**
   * The store under test, reading time from {@code clock}.
   *
   * @param clock the clock the test moves
   * @return the store
   */
  protected abstract LongTermMemory newStore(MutableClock clock);

  private static MemoryOwner owner(String principal) {
    return new MemoryOwner("tenant-" + UUID.randomUUID(), principal);
  }

  private static MemoryRecord memory(
      String id, MemoryOwner owner, String text, Instant at, Map<String, String> metadata) {
    return new MemoryRecord(id, owner, text, metadata, 0.5, at, at);
  }

  private static List<String> ids(List<RecalledMemory> recalled) {
    return recalled.stream().map(r -> r.record().id()).toList();
  }

  @Test
  void recallReturnsWhatWasRememberedExactly() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    MemoryRecord record =
        new MemoryRecord(
            "m-" + UUID.randomUUID(),
            alice,
            "Alice prefers window seats on long flights.",
            Map.of("topic", "travel"),
            0.8,
            START.minusSeconds(3600),
            START.minusSeconds(60));
    store.remember(record);
    List<RecalledMemory> recalled = store.recall(MemoryQuery.of(alice, "seat preference", 5));
    assertThat(recalled).hasSize(1);
    assertThat(recalled.get(0).record()).isEqualTo(record);
  }

  @Test
  void recallNeverReturnsAnotherOwnersMemory() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    MemoryOwner bob = new MemoryOwner(alice.tenant(), "bob");
    MemoryOwner aliceElsewhere = new MemoryOwner(alice.tenant() + "x", "alice");
    String text = "The door code of the office is 4512.";
    store.remember(memory("a-" + UUID.randomUUID(), alice, text, START, Map.of()));
    store.remember(memory("b-" + UUID.randomUUID(), bob, text, START, Map.of()));
    for (MemoryOwner owner : List.of(alice, bob)) {
      List<RecalledMemory> recalled = store.recall(MemoryQuery.of(owner, text, 10));
      assertThat(recalled).hasSize(1);
      assertThat(recalled.get(0).record().owner()).isEqualTo(owner);
    }
    assertThat(store.recall(MemoryQuery.of(aliceElsewhere, text, 10))).isEmpty();
  }

  @Test
  void recallKeepsOnlyMemoriesMatchingTheMetadataFilter() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    store.remember(
        memory("work", alice, "Meeting notes about the budget.", START, Map.of("kind", "work")));
    store.remember(
        memory("home", alice, "Notes about the garden budget.", START, Map.of("kind", "home")));
    store.remember(
        memory("both", alice, "Budget notes.", START, Map.of("kind", "work", "year", "2026")));
    assertThat(
            ids(store.recall(MemoryQuery.builder(alice, "budget").where("kind", "work").build())))
        .containsExactlyInAnyOrder("work", "both");
    assertThat(
            ids(
                store.recall(
                    MemoryQuery.builder(alice, "budget")
                        .where("kind", "work")
                        .where("year", "2026")
                        .build())))
        .containsExactly("both");
    assertThat(store.recall(MemoryQuery.builder(alice, "budget").where("kind", "none").build()))
        .isEmpty();
  }

  @Test
  void recallRespectsTheLimit() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    for (int i = 0; i < 12; i++) {
      store.remember(
          memory("m" + i, alice, "Note number " + i + " about the weather.", START, Map.of()));
    }
    assertThat(store.recall(MemoryQuery.of(alice, "weather", 3))).hasSize(3);
    assertThat(store.recall(MemoryQuery.of(alice, "weather", 50))).hasSize(12);
  }

  @Test
  void scoresAreTheWeightedSumOfRelevanceAndRecencyWhichHalvesEveryHalfLife() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    Duration halfLife = Duration.ofDays(10);
    store.remember(
        memory("old", alice, "Bob likes green tea.", START.minus(Duration.ofDays(20)), Map.of()));
    store.remember(memory("new", alice, "Carol plays the cello.", START, Map.of()));
    List<RecalledMemory> recalled =
        store.recall(
            MemoryQuery.builder(alice, "Bob likes green tea.")
                .weights(0.6, 0.4)
                .halfLife(halfLife)
                .build());
    assertThat(recalled).hasSize(2);
    for (RecalledMemory r : recalled) {
      assertThat(r.relevance()).isBetween(0.0, 1.0);
      assertThat(r.recency()).isBetween(0.0, 1.0);
      assertThat(r.score()).isCloseTo(0.6 * r.relevance() + 0.4 * r.recency(), within(1e-9));
    }
    RecalledMemory old =
        recalled.stream().filter(r -> r.record().id().equals("old")).findFirst().orElseThrow();
    RecalledMemory fresh =
        recalled.stream().filter(r -> r.record().id().equals("new")).findFirst().orElseThrow();
    assertThat(old.recency()).isCloseTo(0.25, within(1e-6));
    assertThat(fresh.recency()).isCloseTo(1.0, within(1e-6));
    assertThat(recalled.get(0).score()).isGreaterThanOrEqualTo(recalled.get(1).score());
  }

  @Test
  void recencyReordersEquallyRelevantMemoriesExactlyAsTheWeightsSay() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    String text = "Alice's favourite colour is teal.";
    store.remember(memory("older", alice, text, START.minus(Duration.ofDays(60)), Map.of()));
    store.remember(memory("newer", alice, text, START.minus(Duration.ofDays(1)), Map.of()));
    assertThat(ids(store.recall(MemoryQuery.builder(alice, text).weights(0.7, 0.3).build())))
        .containsExactly("newer", "older");
    clock.advance(Duration.ofDays(1));
    // Recall renewed both; a newer, unrelated memory now wins on recency alone and loses on
    // relevance alone.
    store.recall(MemoryQuery.builder(alice, text).weights(0.7, 0.3).limit(2).build());
    clock.advance(Duration.ofDays(30));
    store.remember(
        memory(
            "newest",
            alice,
            "Something unrelated: the bus leaves at nine.",
            clock.instant(),
            Map.of()));
    List<RecalledMemory> byRecency =
        store.recall(MemoryQuery.builder(alice, text).weights(0.0, 1.0).limit(3).build());
    assertThat(byRecency.get(0).record().id()).isEqualTo("newest");
    List<RecalledMemory> byRelevance =
        store.recall(MemoryQuery.builder(alice, text).weights(1.0, 0.0).limit(3).build());
    assertThat(byRelevance.get(2).record().id()).isEqualTo("newest");
  }

  @Test
  void aClearlyMostRelevantOldMemoryStaysOnTopUnderTheDefaultWeights() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    store.remember(
        memory(
            "locker",
            alice,
            "My gym locker combination is 31-07-22.",
            START.minus(Duration.ofDays(400)),
            Map.of()));
    String[] recent = {
      "I had pasta for dinner.",
      "The train was late today.",
      "I bought new running shoes.",
      "It rained in the afternoon.",
      "We watched a film about whales.",
      "My manager moved the meeting to Friday.",
      "I need to call the plumber.",
      "The library books are due next week."
    };
    for (int i = 0; i < recent.length; i++) {
      store.remember(
          memory("recent-" + i, alice, recent[i], START.minus(Duration.ofHours(i)), Map.of()));
    }
    List<RecalledMemory> recalled =
        store.recall(MemoryQuery.of(alice, "What is my gym locker combination?", 3));
    assertThat(ids(recalled)).first().isEqualTo("locker");
  }

  @Test
  void recallRenewsTheLastUseOfWhatItReturns() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    store.remember(
        memory("m", alice, "Alice owns a red bicycle.", START.minus(Duration.ofDays(5)), Map.of()));
    clock.advance(Duration.ofHours(2));
    Instant recalledAt = clock.instant();
    store.recall(MemoryQuery.of(alice, "bicycle", 1));
    clock.advance(Duration.ofHours(1));
    RecalledMemory again = store.recall(MemoryQuery.of(alice, "bicycle", 1)).get(0);
    assertThat(again.record().lastUsedAt()).isEqualTo(recalledAt);
    assertThat(again.record().createdAt()).isEqualTo(START.minus(Duration.ofDays(5)));
  }

  @Test
  void rememberingAnIdAgainReplacesTheMemory() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    store.remember(memory("m", alice, "Alice lives in Porto.", START, Map.of()));
    store.remember(memory("m", alice, "Alice lives in Lisbon.", START, Map.of()));
    List<RecalledMemory> recalled =
        store.recall(MemoryQuery.of(alice, "where does Alice live", 10));
    assertThat(recalled).hasSize(1);
    assertThat(recalled.get(0).record().text()).isEqualTo("Alice lives in Lisbon.");
  }

  @Test
  void forgetsOneMemoryById() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    String id = "m-" + UUID.randomUUID();
    store.remember(memory(id, alice, "Alice is allergic to peanuts.", START, Map.of()));
    store.remember(memory(id + "-keep", alice, "Alice drinks oat milk.", START, Map.of()));
    assertThat(store.forget(id)).isTrue();
    assertThat(store.forget(id)).isFalse();
    assertThat(ids(store.recall(MemoryQuery.of(alice, "allergy", 10))))
        .containsExactly(id + "-keep");
  }

  @Test
  void forgettingAnOwnerRemovesAllOfItsMemoriesAndNoOther() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = owner("alice");
    MemoryOwner bob = new MemoryOwner(alice.tenant(), "bob");
    for (int i = 0; i < 5; i++) {
      store.remember(
          memory("a" + i + UUID.randomUUID(), alice, "Alice fact " + i, START, Map.of()));
    }
    store.remember(memory("b" + UUID.randomUUID(), bob, "Bob fact", START, Map.of()));
    assertThat(store.forget(alice)).isEqualTo(5);
    assertThat(store.recall(MemoryQuery.of(alice, "fact", 10))).isEmpty();
    assertThat(store.recall(MemoryQuery.of(bob, "fact", 10))).hasSize(1);
    assertThat(store.forget(alice)).isZero();
  }
}
