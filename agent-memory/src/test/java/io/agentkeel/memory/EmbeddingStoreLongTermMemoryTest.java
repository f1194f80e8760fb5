package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.testkit.store.LongTermMemoryContract;
import io.agentkeel.testkit.store.MutableClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EmbeddingStoreLongTermMemoryTest extends LongTermMemoryContract {

  @Override
  protected LongTermMemory newStore(MutableClock clock) {
    return new EmbeddingStoreLongTermMemory(
        new InMemoryEmbeddingStore<>(), SharedModel.get(), clock);
  }

  @Test
  void aForgetBetweenARecallsSearchAndItsLastUseUpdateStaysForgotten() {
    AtomicReference<Runnable> afterSearch = new AtomicReference<>();
    InMemoryEmbeddingStore<TextSegment> store =
        new InMemoryEmbeddingStore<>() {
          @Override
          public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
            EmbeddingSearchResult<TextSegment> result = super.search(request);
            Runnable then = afterSearch.getAndSet(null);
            if (then != null) {
              then.run();
            }
            return result;
          }
        };
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    EmbeddingStoreLongTermMemory memory =
        new EmbeddingStoreLongTermMemory(store, SharedModel.get(), clock);
    MemoryOwner alice = new MemoryOwner("acme", "alice");
    memory.remember(
        MemoryRecord.of(
            "a1", alice, "Alice keeps her passport in the desk drawer.", clock.instant()));
    MemoryQuery query = MemoryQuery.of(alice, "where is the passport", 5);

    afterSearch.set(() -> assertThat(memory.forget(alice)).isEqualTo(1));
    assertThat(memory.recall(query)).as("the recall the forget raced").isEmpty();

    assertThat(memory.recall(query)).as("recalled after the owner was forgotten").isEmpty();
  }
}
