package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.ModelText;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PseudonymisingBoundaryTest {
  private final PseudonymisingBoundary boundary =
      new PseudonymisingBoundary(
          PiiDetector.defaults(), Set.of("support", "audit-only"), Set.of("audit-only"), 100);

  @Test
  void theModelSeesPseudonymsAndTheToolGetsTheRealValues() {
    RunContext ctx = Runs.of("alice", "support");
    String toModel =
        boundary.toModel(
            "Refund jane@corp.example, phone +44 20 7946 0958, card 4111 1111 1111 1111",
            ModelText.USER_INPUT,
            ctx);
    assertThat(toModel)
        .isEqualTo("Refund <EMAIL_1>, phone <PHONE_1>, card <CARD_1>")
        .doesNotContain("jane@", "7946", "4111");
    String args = "{\"email\":\"<EMAIL_1>\",\"card\":\"<CARD_1>\"}";
    assertThat(boundary.fromModel(args, ModelText.TOOL_ARGUMENTS, ctx))
        .isEqualTo("{\"email\":\"jane@corp.example\",\"card\":\"4111 1111 1111 1111\"}");
    assertThat(boundary.fromModel("Done for <EMAIL_1>.", ModelText.ANSWER, ctx))
        .isEqualTo("Done for jane@corp.example.");
  }

  @Test
  void aValueRestoredIntoToolArgumentsKeepsThemValidJsonAndAddsNoArgument() {
    // Before: the value went into the JSON as it was written: a private key's line breaks made the
    // arguments invalid JSON, and a quote in the block closed the string and added arguments the
    // model never wrote.
    RunContext ctx = Runs.of("alice", "support");
    String key =
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
    String smuggled =
        "-----BEGIN PRIVATE KEY-----\",\"role\":\"admin\",\"x\":\"\\-----END PRIVATE KEY-----";
    JsonMapper json = JsonMapper.builder().build();
    for (String value : new String[] {key, smuggled}) {
      assertThat(boundary.toModel("store " + value, ModelText.USER_INPUT, ctx))
          .isEqualTo("store <SECRET_1>");
      String args = boundary.fromModel("{\"key\":\"<SECRET_1>\"}", ModelText.TOOL_ARGUMENTS, ctx);
      JsonNode tree = json.readTree(args);
      assertThat(tree.propertyNames()).as(args).containsExactly("key");
      assertThat(tree.get("key").asString()).isEqualTo(value);
      ctx = Runs.of("alice", "support"); // a new task, a new vault
    }
  }

  @Test
  void aVaultNeverRestoresAnotherPrincipalsOrTenantsValues() {
    RunContext alice = Runs.of(Principal.of("alice"), "support", "s1/x");
    assertThat(boundary.toModel("mail jane@corp.example", ModelText.USER_INPUT, alice))
        .isEqualTo("mail <EMAIL_1>");
    // the same session id, chosen by another principal of the tenant
    RunContext bob = Runs.of(Principal.of("bob"), "support", "s1/x");
    // a tenant and session that, joined, spell alice's tenant and session
    RunContext tenant = Runs.of(new Principal("alice", "default/s1", Set.of()), "support", "x");
    // a session id that spells a one-off task's
    RunContext oneOff = Runs.of(Principal.of("alice"), "support", null);
    boundary.toModel("mail joe@corp.example", ModelText.USER_INPUT, oneOff);
    RunContext spelled = Runs.of(Principal.of("alice"), "support", "task:" + oneOff.task().id());
    for (RunContext other : new RunContext[] {bob, tenant, spelled}) {
      assertThat(boundary.fromModel("sent to <EMAIL_1>", ModelText.ANSWER, other))
          .as("answer of %s in tenant %s", other.principal().id(), other.tenant())
          .isEqualTo("sent to <EMAIL_1>");
    }
    assertThat(boundary.fromModel("sent to <EMAIL_1>", ModelText.ANSWER, alice))
        .isEqualTo("sent to jane@corp.example");
  }

  @Test
  void answersStayPseudonymisedWhereTheWorkflowSaysAndOtherWorkflowsAreUntouched() {
    RunContext kept = Runs.of("alice", "audit-only");
    boundary.toModel("mail jane@corp.example", ModelText.USER_INPUT, kept);
    assertThat(boundary.fromModel("sent to <EMAIL_1>", ModelText.ANSWER, kept))
        .isEqualTo("sent to <EMAIL_1>");
    RunContext other = Runs.of("alice", "chat");
    assertThat(boundary.toModel("mail jane@corp.example", ModelText.USER_INPUT, other))
        .isEqualTo("mail jane@corp.example");
  }

  @Test
  void theOutputFilterRedactsPerChannel() {
    PiiOutputFilter filter =
        new PiiOutputFilter(
            PiiDetector.defaults(),
            RedactionStyle.PLACEHOLDER,
            Map.of(OutputChannel.ANSWER, RedactionStyle.PARTIAL));
    RunContext ctx = Runs.of("alice");
    assertThat(filter.filter("card 4111 1111 1111 1111", OutputChannel.ANSWER, ctx))
        .isEqualTo("card **** **** **** 1111");
    assertThat(filter.filter("card 4111 1111 1111 1111", OutputChannel.EVENT, ctx))
        .isEqualTo("card <CARD_1>");
    String clean = "nothing to hide";
    assertThat(filter.filter(clean, OutputChannel.EVENT, ctx)).isSameAs(clean);
  }
}
