package com.example.consumer;

import static io.agentkeel.testkit.AgentAssertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import org.junit.jupiter.api.Test;

/** An application's own test: one task through the loop with the test kit's scripted model. */
class OrderAgentTest {

  @Test
  void runsATaskEndToEnd() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCall("find_order", "{\"order_id\": \"A-17\"}")
                .answer("Order A-17 shipped on Monday.", 0.93, "looked the order up")
                .build());
    try (Agent agent =
        AgentKeel.builder()
            .model("scripted", model)
            .tools(new OrderTools())
            .noPluginDiscovery()
            .build()) {
      AgentResult result =
          agent.execute(
              Task.builder()
                  .input("Where is A-17?")
                  .principal(Principal.of("support-bot", "orders:read"))
                  .build());

      assertThat(result)
          .isCompleted()
          .calledToolWithArguments("find_order", "{\"order_id\": \"A-17\"}")
          .answerContains("shipped");
    }
  }
}
