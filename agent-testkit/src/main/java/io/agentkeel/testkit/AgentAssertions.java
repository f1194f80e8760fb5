package io.agentkeel.testkit;

import io.agentkeel.api.AgentResult;

/**
 * Entry point for assertions on what an agent did, in the style of AssertJ:
 *
 * {@snippet class="io.agentkeel.testkit.snippets.TestKitSnippets" region="agent-assertions"}
 */
public final class AgentAssertions {

  private AgentAssertions() {}

  /**
   * Starts assertions on an agent's result and its trace.
   *
   * @param actual the result; null fails every assertion except {@code isNull()}
   * @return the assertions
   */
  public static AgentResultAssert assertThat(AgentResult actual) {
    return new AgentResultAssert(actual);
  }
}
