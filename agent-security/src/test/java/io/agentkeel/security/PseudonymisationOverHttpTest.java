package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.ModelBoundary;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.ModelSpec;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedOpenAiServer;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.SideEffect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Done-when 4: through core and LangChain4j's OpenAI client against the test kit's scripted
 * OpenAI-compatible server, the provider's captured requests hold no raw e-mail, phone or card,
 * while the tool receives the real values and the answer comes back restored.
 */
class PseudonymisationOverHttpTest {
  static final String EMAIL = "jane.doe@corp.example";
  static final String PHONE = "+44 20 7946 0958";
  static final String CARD = "4111 1111 1111 1111";

  /** A CRM tool that records what it was given. */
  public static final class CrmTools {
    final List<String> received = new CopyOnWriteArrayList<>();

    /** New contact details. */
    public record Contact(String email, String phone, String card) {}

    @AgentTool(
        name = "update_contact",
        description = "Updates the customer's contact and payment details.",
        whenToUse = "When the customer gives new contact or payment details.",
        scopes = "crm:write",
        sideEffect = SideEffect.WRITE)
    public String update(Contact c) {
      received.add(c.email() + "|" + c.phone() + "|" + c.card());
      return "updated " + c.email();
    }
  }

  @Test
  void theProviderSeesPseudonymsAndTheToolTheRealValues() {
    ModelScript script =
        ModelScript.builder()
            .toolCall(
                "update_contact",
                "{\"email\":\"<EMAIL_1>\",\"phone\":\"<PHONE_1>\",\"card\":\"<CARD_1>\"}")
            .answer("Updated the details of <EMAIL_1>.", 0.95, "called update_contact")
            .build();
    CrmTools tools = new CrmTools();
    try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start(script)) {
      ModelSpec spec =
          ModelSpec.openAiCompatible(server.baseUrl(), "scripted-model", "AGENTKEEL_TEST_KEY")
              .withTimeout(Duration.ofSeconds(10));
      try (Agent agent =
          AgentKeel.builder()
              .model("provider", spec.create(Map.of("AGENTKEEL_TEST_KEY", "test-key")))
              .tools(tools)
              .add(
                  ModelBoundary.class,
                  new PseudonymisingBoundary(PiiDetector.defaults(), Set.of("*"), Set.of(), 100))
              .noPluginDiscovery()
              .build()) {
        AgentResult result =
            agent.execute(
                Task.builder()
                    .input(
                        "Please change my e-mail to "
                            + EMAIL
                            + ", my phone to "
                            + PHONE
                            + " and my card to "
                            + CARD
                            + ".")
                    .principal(Principal.of("jane", "crm:write"))
                    .build());

        assertThat(tools.received).containsExactly(EMAIL + "|" + PHONE + "|" + CARD);
        assertThat(result.answer()).hasValue("Updated the details of " + EMAIL + ".");
        assertThat(server.requestBodies()).hasSizeGreaterThanOrEqualTo(2);
        for (String body : server.requestBodies()) {
          assertThat(body)
              .doesNotContain(EMAIL)
              .doesNotContain("jane.doe@")
              .doesNotContain("7946 0958")
              .doesNotContain("7946")
              .doesNotContain("4111 1111")
              .doesNotContain("4111111111111111");
        }
        assertThat(server.requestBodies().get(0)).contains("<EMAIL_1>").contains("<CARD_1>");
      }
    }
  }
}
