package io.agentkeel.core.archfixture;

import io.agentkeel.testkit.archfixture.TestkitType;

/** Fixture that breaks rule 3: core depends on agent-testkit from production code. */
public final class CoreUsingTestkit {
  private final TestkitType target = new TestkitType();

  TestkitType target() {
    return target;
  }
}
