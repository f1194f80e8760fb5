package io.agentkeel.core.archfixture;

import io.agentkeel.architecture.fixtures.rule3.ArchitectureType;

/** Fixture that breaks rule 3: core depends on architecture-tests. */
public final class CoreUsingArchitectureTests {
  private final ArchitectureType target = new ArchitectureType();

  ArchitectureType target() {
    return target;
  }
}
