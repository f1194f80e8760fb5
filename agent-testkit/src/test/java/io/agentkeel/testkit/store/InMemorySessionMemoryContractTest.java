package io.agentkeel.testkit.store;

import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.core.InMemorySessionMemory;
import java.time.Duration;

/** Core's in-memory session memory passes the contract first. */
class InMemorySessionMemoryContractTest extends SessionMemoryContract {
  @Override
  protected SessionMemory newStore(int maxTurns) {
    return new InMemorySessionMemory(1_000, maxTurns, Duration.ofMinutes(30));
  }
}
