package io.agentkeel.core.archfixture;

import io.agentkeel.core.internal.archfixture.CoreInternalType;

/** Fixture that keeps rule 5: core uses its own internals. */
public final class CoreUsingItsInternals {
  private final CoreInternalType internal = new CoreInternalType();

  CoreInternalType internal() {
    return internal;
  }
}
