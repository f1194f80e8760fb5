package io.agentkeel.core.archfixture;

import io.agentkeel.examples.archfixture.ExampleType;

/** Fixture that breaks rule 3: core depends on agent-examples. */
public final class CoreUsingExamples {
  private final ExampleType target = new ExampleType();

  ExampleType target() {
    return target;
  }
}
