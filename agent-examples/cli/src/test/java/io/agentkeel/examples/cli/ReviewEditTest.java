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
}
