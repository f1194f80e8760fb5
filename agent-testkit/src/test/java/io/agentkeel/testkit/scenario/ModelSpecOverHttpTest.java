package io.agentkeel.testkit.scenario;

import static io.agentkeel.testkit.AgentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.ModelSpec;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model built from configuration talks to an OpenAI-compatible endpoint over real HTTP. */
class ModelSpecOverHttpTest {

  @Test
  void configuredOpenAiCompatibleModelRunsTheLoopOverHttp() {
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"A-7\"}")
            .answer("A-7 shipped.", 0.93, "looked it up")
            .build();
    try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start(script)) {
      ModelSpec spec =
          ModelSpec.openAiCompatible(server.baseUrl(), "scripted-model", "AGENTKEEL_TEST_KEY")
              .withTimeout(Duration.ofSeconds(5));
      try (Agent agent =
          AgentKeel.builder()
              .model("configured", spec.create(Map.of("AGENTKEEL_TEST_KEY", "test-key")))
              .tools(new OrderDeskTools())
              .noPluginDiscovery()
              .build()) {

        var result =
            agent.execute(
                Task.builder()
                    .input("Where is A-7?")
                    .principal(Principal.of("u", "orders:read"))
                    .build());

        assertThat(result).isCompleted().calledTools("lookup_order").hasAnswer("A-7 shipped.");
        assertThat(server.requestBodies().getFirst()).contains("\"scripted-model\"");
        assertThat(server.offeredToolNames(0)).contains("lookup_order");
      }
    }
  }
}
