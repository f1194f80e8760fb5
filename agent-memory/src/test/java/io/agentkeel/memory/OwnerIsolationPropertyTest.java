package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * For random owners (some with ids that look alike), random memories and random queries, no recall
 * on any long-term store ever returns another owner's memory, and every memory of the owner that
 * matches is reachable.
 */
class OwnerIsolationPropertyTest {

  @TempDir Path dir;
  private final List<LuceneLongTermMemory> opened = new ArrayList<>();
  private final AtomicInteger run = new AtomicInteger();

  @AfterEach
  void close() {
    opened.forEach(LuceneLongTermMemory::close);
  }

  private static final String[] TENANTS = {"acme", "acme:x", "acme%3Ax", "ACME"};
  private static final String[] PRINCIPALS = {"alice", "bob", "alice:bob", "alice bob", "a"};

  private static Gen<MemoryOwner> owners() {
    return integers()
        .between(0, TENANTS.length * PRINCIPALS.length - 1)
        .map(i ->
            new MemoryOwner(TENANTS[i / PRINCIPALS.length], PRINCIPALS[i % PRINCIPALS.length]));
  }

  private void check(java.util.function.Supplier<LongTermMemory> stores) {
    qt().withExamples(25)
        .forAll(
            lists().of(owners()).ofSizeBetween(1, 30),
            lists()
                .of(
                    strings()
                        .basicLatinAlphabet()
                        .ofLengthBetween(1, 40)
                        .assuming(text -> !text.isBlank()))
                .ofSizeBetween(1, 30),
            owners(),
            strings().basicLatinAlphabet().ofLengthBetween(0, 40))
        .checkAssert((memoryOwners, texts, asker, question) -> {
          LongTermMemory store = stores.get();
          int n = Math.min(memoryOwners.size(), texts.size());
          int own = 0;
          for (int i = 0; i < n; i++) {
            MemoryOwner owner = memoryOwners.get(i);
            own += owner.equals(asker) ? 1 : 0;
            store.remember(
                new MemoryRecord(
                    "m" + i, owner, texts.get(i), Map.of(), 0.5, Instant.EPOCH, Instant.EPOCH));
          }
          List<RecalledMemory> recalled = store.recall(MemoryQuery.of(asker, question, 100));
          assertThat(recalled).allMatch(r -> r.record().owner().equals(asker));
          assertThat(recalled).hasSize(own);
        });
  }

  @Test
  void luceneNeverCrossesOwners() {
    check(() -> {
      // Alternate the exact and the HNSW paths.
      int i = run.incrementAndGet();
      LuceneLongTermMemory store =
          LuceneLongTermMemory.open(
              dir.resolve("i" + i), new HashingModel(), Clock.systemUTC(), i % 2 == 0 ? 0 : 4096);
      opened.add(store);
      return store;
    });
  }

  @Test
  void theEmbeddingStoreAdapterNeverCrossesOwners() {
    check(() ->
        new EmbeddingStoreLongTermMemory(
            new InMemoryEmbeddingStore<>(), new HashingModel(), Clock.systemUTC()));
  }
}
