package io.agentkeel.memory;

import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.testkit.store.LongTermMemoryContract;
import io.agentkeel.testkit.store.MutableClock;

class EmbeddingStoreLongTermMemoryTest extends LongTermMemoryContract {

  @Override
  protected LongTermMemory newStore(MutableClock clock) {
    return new EmbeddingStoreLongTermMemory(
        new InMemoryEmbeddingStore<>(), SharedModel.get(), clock);
  }
}
