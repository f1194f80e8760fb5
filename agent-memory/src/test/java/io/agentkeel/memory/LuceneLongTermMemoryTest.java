package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.testkit.store.LongTermMemoryContract;
import io.agentkeel.testkit.store.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneLongTermMemoryTest extends LongTermMemoryContract {

  @TempDir Path dir;
  private final List<LuceneLongTermMemory> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(LuceneLongTermMemory::close);
  }

  @Override
  protected LongTermMemory newStore(MutableClock clock) {
    LuceneLongTermMemory store =
        LuceneLongTermMemory.open(dir.resolve("index-" + opened.size()), SharedModel.get(), clock);
    opened.add(store);
    return store;
  }

  @Test
  void theApproximatePathAgreesWithTheExactPathOnTheTopMemory() {
    MutableClock clock = new MutableClock(START);
    // exactBelow 0 forces filtered HNSW with oversampling even for a small owner.
    LuceneLongTermMemory approximate =
        LuceneLongTermMemory.open(dir.resolve("approximate"), SharedModel.get(), clock, 0);
    opened.add(approximate);
    LuceneLongTermMemory exact = (LuceneLongTermMemory) newStore(clock);
    MemoryOwner alice = new MemoryOwner("acme", "alice");
    MemoryOwner bob = new MemoryOwner("acme", "bob");
    List<MemoryRecord> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      MemoryOwner owner = i % 10 == 0 ? alice : bob;
      records.add(
          MemoryRecord.of(
              "m" + i,
              owner,
              "Note " + i + " about topic " + (i % 17),
              Instant.parse("2026-01-01T00:00:00Z")));
    }
    records.add(
        MemoryRecord.of("target", alice, "Alice keeps her passport in the desk drawer.", START));
    approximate.rememberAll(records);
    exact.rememberAll(records);
    MemoryQuery query = MemoryQuery.builder(alice, "where is my passport").weights(1, 0).build();
    assertThat(approximate.recall(query).get(0).record().id()).isEqualTo("target");
    assertThat(exact.recall(query).get(0).record().id()).isEqualTo("target");
    assertThat(approximate.recall(query)).allMatch(r -> r.record().owner().equals(alice));
  }

  @Test
  void aClockSteppedPastWhatNanosecondsSinceTheEpochHoldStillRemembersAndRecalls() {
    // Last use is kept as nanoseconds since the epoch, which a long holds until 2262.
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = new MemoryOwner("acme", "alice");
    store.remember(
        MemoryRecord.of(
            "past", alice, "Alice prefers e-mail.", Instant.parse("1500-01-01T00:00:00Z")));
    clock.advance(Duration.ofDays(365L * 400));

    // Before: remember and recall threw ArithmeticException (long overflow).
    store.remember(MemoryRecord.of("future", alice, "Alice lives in Lyon.", clock.instant()));
    assertThat(store.recall(MemoryQuery.builder(alice, "where does Alice live").build()))
        .extracting(r -> r.record().id())
        .contains("future", "past");
  }

  @Test
  void anotherModelsIndexIsRefusedNamingTheModel() {
    MutableClock clock = new MutableClock(START);
    Path path = dir.resolve("dims");
    try (LuceneLongTermMemory store = LuceneLongTermMemory.open(path, SharedModel.get(), clock)) {
      store.remember(MemoryRecord.of("a", new MemoryOwner("t", "p"), "text", START));
    }
    dev.langchain4j.model.embedding.EmbeddingModel other =
        new dev.langchain4j.model.embedding.EmbeddingModel() {
          @Override
          public dev.langchain4j.model.output.Response<
                  List<dev.langchain4j.data.embedding.Embedding>>
              embedAll(List<dev.langchain4j.data.segment.TextSegment> segments) {
            List<dev.langchain4j.data.embedding.Embedding> out = new ArrayList<>();
            segments.forEach(
                s -> out.add(dev.langchain4j.data.embedding.Embedding.from(new float[] {1, 0, 0})));
            return dev.langchain4j.model.output.Response.from(out);
          }
        };
    try (LuceneLongTermMemory store = LuceneLongTermMemory.open(path, other, clock)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> store.remember(MemoryRecord.of("b", new MemoryOwner("t", "p"), "text", START)))
          .hasMessageContaining("embedding model");
    }
  }

  @Test
  void metadataSurvivesExactly() {
    MutableClock clock = new MutableClock(START);
    LongTermMemory store = newStore(clock);
    MemoryOwner alice = new MemoryOwner("acme", "alice");
    MemoryRecord record =
        new MemoryRecord(
            "m", alice, "text", Map.of("a", "1", "b", "two words", "c", ""), 0.25, START, START);
    store.remember(record);
    assertThat(store.recall(MemoryQuery.of(alice, "text", 1)).get(0).record()).isEqualTo(record);
  }

  /**
   * A recall on another thread could take the "index changed" mark a forget left, and still be
   * reopening the index when the forgetting thread's own recall, finding no mark, searched the old
   * one: a memory forgotten before the recall was called came back.
   */
  @Test
  void aRecallAfterForgetNeverReturnsTheForgottenMemoryWhileOthersRecall() throws Exception {
    LuceneLongTermMemory store = (LuceneLongTermMemory) newStore(new MutableClock(START));
    MemoryOwner alice = new MemoryOwner("acme", "alice");
    MemoryOwner bob = new MemoryOwner("acme", "bob");
    List<MemoryRecord> filler = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      filler.add(MemoryRecord.of("b" + i, bob, "Bob note " + i + " about boats", START));
    }
    store.rememberAll(filler);
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<Thread> others = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread other =
          new Thread(() -> {
            while (!done.get()) {
              store.recall(MemoryQuery.of(bob, "boats", 3));
            }
          });
      other.start();
      others.add(other);
    }
    int returned = 0;
    try {
      for (int i = 0; i < 250; i++) {
        String id = "secret-" + i;
        store.remember(MemoryRecord.of(id, alice, "Alice's door code is 4" + i, START));
        assertThat(store.forget(id)).isTrue();
        for (var recalled : store.recall(MemoryQuery.of(alice, "door code", 5))) {
          if (recalled.record().id().equals(id)) {
            returned++;
          }
        }
      }
    } finally {
      done.set(true);
      for (Thread other : others) {
        other.join();
      }
    }
    assertThat(returned).as("forgotten memories recalled").isZero();
  }
}
