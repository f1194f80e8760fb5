package io.agentkeel.testkit;

import io.agentkeel.api.AgentResult;

/**
 * Entry point for assertions on what an agent did, in the style of AssertJ:
 *
 * <pre>{@code
 * import static io.agentkeel.testkit.AgentAssertions.assertThat;
 *
 * assertThat(result)
 *     .isCompleted()
 *     .calledTools("find_order", "refund_order")
 *     .calledToolWithArguments("refund_order", "{\"orderId\": \"A-17\", \"amount\": 20}")
 *     .neverCalledTool("cancel_order")
 *     .answerContains("refunded");
 * }</pre>
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
