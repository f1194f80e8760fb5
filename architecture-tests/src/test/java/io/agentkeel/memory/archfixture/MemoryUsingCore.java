package io.agentkeel.memory.archfixture;

import io.agentkeel.core.archfixture.CoreType;

/** Fixture that breaks rule 2: memory depends on core. */
public final class MemoryUsingCore {
  private final CoreType core = new CoreType();

  CoreType core() {
    return core;
  }
}
