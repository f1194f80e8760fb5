package io.agentkeel.testkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AssembledContext;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.ContextRequest;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An application that never sees Guice sets how many session turns and memories reach the model on
 * {@link AgentKeel#builder()}: a setting of either was refused, pointing at
 * AgentSettings.builder(), which AgentKeel.builder() cannot take.
 */
class ContextLimitsOnBuilderTest {

  private static final Principal USER = new Principal("user", "acme", Set.of());

  @Test
  void sessionTurnsAndRecallLimitReachTheContextAssembler() {
    List<ContextRequest> requests = new CopyOnWriteArrayList<>();
    ContextAssembler capturing =
        (request, context) -> {
          requests.add(request);
          return AssembledContext.bare(1);
        };
    try (Agent agent =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.named(
                    "primary", ModelScript.builder().answer("Hello.", 0.95, "greeted").build()))
            .use(ContextAssembler.class, capturing)
            .sessionTurns(2)
            .recallLimit(0)
            .noPluginDiscovery()
            .build()) {
      agent.execute(Task.builder().input("Hi").principal(USER).build());
    }

    assertThat(requests).isNotEmpty();
    assertThat(requests.get(0).sessionTurns()).isEqualTo(2);
    assertThat(requests.get(0).recallLimit()).isZero();
  }

  @Test
  void aNegativeLimitIsRefusedAtBuild() {
    assertThatThrownBy(() ->
            AgentKeel.builder()
                .model("primary", ScriptedChatModel.named("primary", ModelScript.builder().build()))
                .recallLimit(-1)
                .noPluginDiscovery()
                .build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
