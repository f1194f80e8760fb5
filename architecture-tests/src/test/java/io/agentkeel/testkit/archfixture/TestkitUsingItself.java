package io.agentkeel.testkit.archfixture;

/** Fixture that keeps rule 3: the test kit may use itself. */
public final class TestkitUsingItself {
  private final TestkitType type = new TestkitType();

  TestkitType type() {
    return type;
  }
}
