package io.agentkeel.testkit.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.AgentAssertions;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.testkit.ScriptedFailure;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The examples in the test kit's Javadoc. The Javadoc includes the marked regions of this file with
 * {@code {@snippet class=...}}, so an example that stops compiling, or stops passing, fails the
 * build instead of misleading a reader.
 */
class TestKitSnippets {

  /** The order tools the examples call. */
  public static final class OrderTools {
    /** Arguments of find_order. */
    public record FindOrder(@Param("The order's id, such as A-17.") String orderId) {}

    /** Arguments of refund_order. */
    public record RefundOrder(
        @Param("The order's id, such as A-17.") String orderId,
        @Param(value = "The amount to refund, in euros.", min = 1, max = 500) int amount) {}

    /**
     * Finds an order.
     *
     * @param request the order
     * @return its state
     */
    @AgentTool(
        name = "find_order",
        description = "Shows one order's state.",
        whenToUse = "When the customer names an order.",
        scopes = "orders:read",
        sideEffect = SideEffect.READ_ONLY)
    public String find(FindOrder request) {
      return request.orderId() + " shipped on Monday";
    }

    /**
     * Refunds part of an order.
     *
     * @param request the order and amount
     * @return a confirmation
     */
    @AgentTool(
        name = "refund_order",
        description = "Refunds part of an order's price.",
        whenToUse = "When the customer is owed money for an order.",
        scopes = "orders:write",
        sideEffect = SideEffect.WRITE)
    public String refund(RefundOrder request) {
      return "refunded " + request.amount() + " EUR on " + request.orderId();
    }
  }

  private static final Principal SUPPORT =
      Principal.of("support-bot", "orders:read", "orders:write");

  @Test
  void modelScript() {
    // @start region="model-script"
    ModelScript script =
        ModelScript.builder()
            .toolCall("find_order", "{\"order_id\": \"A-17\"}")
            .fail(ScriptedFailure.RATE_LIMITED)
            .after(Duration.ofMillis(50))
            .answer("Order A-17 shipped on Monday.", 0.92, "found it")
            .build();
    // @end
    assertThat(script.size()).isEqualTo(3);
  }

  @Test
  void scriptedChatModel() {
    // @start region="scripted-chat-model"
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCall("find_order", "{\"order_id\": \"A-17\"}")
                .answer("Order A-17 shipped on Monday.", 0.92, "looked the order up")
                .build());
    try (Agent agent =
        AgentKeel.builder()
            .model("scripted", model)
            .tools(new OrderTools())
            .noPluginDiscovery()
            .build()) {
      AgentResult result =
          agent.execute(Task.builder().input("Where is A-17?").principal(SUPPORT).build());

      AgentAssertions.assertThat(result)
          .isCompleted()
          .calledTools("find_order")
          .answerContains("shipped");
      assertThat(model.offeredToolNames(0)).contains("find_order");
      assertThat(model.remainingSteps()).isZero();
    }
    // @end
  }

  @Test
  void agentAssertions() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCall("find_order", "{\"order_id\": \"A-17\"}")
                .toolCall("refund_order", "{\"order_id\": \"A-17\", \"amount\": 20}")
                .answer("I refunded 20 EUR on A-17.", 0.95, "refunded the late delivery")
                .build());
    try (Agent agent =
        AgentKeel.builder()
            .model("scripted", model)
            .tools(new OrderTools())
            .noPluginDiscovery()
            .build()) {
      AgentResult result =
          agent.execute(Task.builder().input("A-17 came late").principal(SUPPORT).build());
      // @start region="agent-assertions"
      AgentAssertions.assertThat(result)
          .isCompleted()
          .calledTools("find_order", "refund_order")
          .calledToolWithArguments("refund_order", "{\"order_id\": \"A-17\", \"amount\": 20}")
          .neverCalledTool("cancel_order")
          .answerContains("refunded");
      // @end
    }
  }
}
