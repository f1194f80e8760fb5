package io.agentkeel.testkit.store;

import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.core.InMemoryWorkingMemory;

/** Core's in-memory working memory passes the contract first. */
class InMemoryWorkingMemoryContractTest extends WorkingMemoryContract {
  private final WorkingMemory store = new InMemoryWorkingMemory();

  @Override
  protected WorkingMemory store() {
    return store;
  }
}
