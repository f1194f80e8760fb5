package io.agentkeel.memory.archfixture;

import io.agentkeel.core.internal.archfixture.CoreInternalType;

/** Fixture that breaks rule 5 (and 2): memory uses an internal class of core. */
public final class MemoryUsingCoreInternals {
  private final CoreInternalType internal = new CoreInternalType();

  CoreInternalType internal() {
    return internal;
  }
}
