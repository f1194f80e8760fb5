package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code review edit} of a waiting call takes the call's arguments as a JSON object. */
class ReviewEditTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDir;

  private CliRun cli(String... args) {
    return CliRun.of(dataDir, Map.of(), List.of(args));
  }

  @Test
  void aRevisionOfACallThatIsNotAJsonObjectIsRefusedAndTheReviewStaysWaiting() {
    CliRun suspended =
        cli("run", "orders", "Please cancel order O-10002, I ordered it by mistake.", "--json");
    String review = JSON.readTree(suspended.out()).get("review_id").asString();

    for (String typo : List.of("order_id: O-10002", "[\"O-10002\"]")) {
      CliRun edited = cli("review", "edit", review, "--revision", typo);
      assertThat(edited.exit()).as(edited.out() + edited.err()).isEqualTo(AgentKeelCli.USAGE);
      assertThat(edited.err())
          .contains("--revision is its corrected arguments as a JSON object")
          .contains("The review is still waiting");
    }
    assertThat(cli("review", "list", "--json").out()).contains(review);

    CliRun edited =
        cli(
            "review",
            "edit",
            review,
            "--revision",
            "{\"order_id\":\"O-10003\",\"reason\":\"wrong order\"}",
            "--json");
    JsonNode result = JSON.readTree(edited.out());
    assertThat(result.get("task_id").asString())
        .isEqualTo(JSON.readTree(suspended.out()).get("task_id").asString());
    assertThat(cli("review", "show", review).exit())
        .as("decided by the well-formed revision")
        .isEqualTo(AgentKeelCli.USAGE);
  }

  @Test
  void aRevisionThatBreaksTheToolsParametersIsRefusedNamingTheArgumentAndTheReviewStaysWaiting() {
    // Before the fix such a revision was decided: the call failed on it in the resumed run, and
    // the review was used up.
    CliRun suspended =
        cli("run", "orders", "Please cancel order O-10002, I ordered it by mistake.", "--json");
    String review = JSON.readTree(suspended.out()).get("review_id").asString();
    Map<String, String> typos =
        Map.of(
            "{\"order_id\":\"10002\",\"reason\":\"wrong order\"}", "$.order_id",
            "{\"order_id\":\"O-10002\"}", "$.reason",
            "{\"order_id\":10002,\"reason\":\"wrong order\"}", "$.order_id",
            "{\"order_id\":\"O-10002\",\"reason\":\"no\"}", "$.reason");

    typos.forEach((typo, argument) -> {
      CliRun edited = cli("review", "edit", review, "--revision", typo);
      assertThat(edited.exit())
          .as(typo + edited.out() + edited.err())
          .isEqualTo(AgentKeelCli.USAGE);
      assertThat(edited.err())
          .as(typo)
          .contains("cancel_order")
          .contains(argument + ": expected")
          .contains("The review is still waiting");
    });
    assertThat(cli("review", "list", "--json").out()).contains(review);

    CliRun edited =
        cli(
            "review",
            "edit",
            review,
            "--revision",
            "{\"order_id\":\"O-10001\",\"reason\":\"wrong order\"}",
            "--json");
    JsonNode called = null;
    for (JsonNode event : JSON.readTree(edited.out()).get("trace")) {
      if (event.get("event").asString().equals("ToolCalled")) {
        called = event;
      }
    }
    // O-10001 is pending, so the edited call can cancel it.
    assertThat(called).as(edited.out()).isNotNull();
    assertThat(called.get("tool").asString()).isEqualTo("cancel_order");
    assertThat(called.get("arguments_json").asString())
        .isEqualTo("{\"order_id\":\"O-10001\",\"reason\":\"wrong order\"}");
    assertThat(cli("review", "list", "--json").out()).doesNotContain(review);
  }
}
