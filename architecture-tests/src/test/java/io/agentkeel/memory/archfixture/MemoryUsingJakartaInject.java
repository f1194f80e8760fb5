package io.agentkeel.memory.archfixture;

import io.agentkeel.api.Task;
import jakarta.inject.Inject;

/** Fixture that keeps rule 2: memory uses the API and jakarta.inject. */
public final class MemoryUsingJakartaInject {
  private final Task task;

  @Inject
  MemoryUsingJakartaInject(Task task) {
    this.task = task;
  }

  Task task() {
    return task;
  }
}
