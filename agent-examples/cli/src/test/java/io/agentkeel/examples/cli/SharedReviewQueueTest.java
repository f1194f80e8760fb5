package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.testkit.LocalServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reviews across machines: with {@code memory.working.jdbc-url} naming a shared database, a review
 * that {@code run} leaves on one machine is listed and decided on another, which has its own data
 * directory.
 */
class SharedReviewQueueTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path machineA;
  @TempDir Path machineB;

  private static CliRun cli(Path dataDir, List<String> settings, String... args) {
    List<String> all = new ArrayList<>();
    for (String setting : settings) {
      all.add("--set");
      all.add(setting);
    }
    all.addAll(List.of(args));
    return CliRun.of(dataDir, Map.of(), all);
  }

  @Test
  void aReviewLeftOnOneMachineIsDecidedOnAnotherSharingTheDatabase() {
    LocalServers.require("PostgreSQL", 5432);
    List<String> shared =
        List.of(
            "memory.working.jdbc-url=jdbc:postgresql://127.0.0.1:5432/test",
            "memory.working.user=postgres",
            "memory.working.table-prefix=" + LocalServers.uniquePrefix("akrq"));

    CliRun suspended =
        cli(
            machineA,
            shared,
            "run",
            "orders",
            "Please cancel order O-10002, I ordered it by mistake.",
            "--json");
    assertThat(suspended.exit()).as(suspended.err()).isEqualTo(AgentKeelCli.NOT_COMPLETED);
    String review = JSON.readTree(suspended.out()).get("review_id").asString();

    CliRun listed = cli(machineB, shared, "review", "list", "--json");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(JSON.readTree(listed.out()).findValuesAsString("id")).contains(review);
    // Without the shared database, machine B has no such review.
    assertThat(cli(machineB, List.of(), "review", "list", "--json").out().strip()).isEqualTo("[ ]");

    CliRun approved = cli(machineB, shared, "review", "approve", review, "--json");
    assertThat(approved.exit()).as(approved.err()).isZero();
    JsonNode result = JSON.readTree(approved.out());
    assertThat(result.get("outcome").asString()).isEqualTo("completed");
    assertThat(result.get("task_id").asString())
        .isEqualTo(JSON.readTree(suspended.out()).get("task_id").asString());
    assertThat(cli(machineA, shared, "review", "list", "--json").out().strip()).isEqualTo("[ ]");
  }

  @Test
  void aBadSharedDatabaseSettingIsNamedBeforeAnythingRuns() {
    CliRun listed =
        cli(machineA, List.of("memory.working.jdbc-url=garbage"), "review", "list", "--json");

    assertThat(listed.exit()).isEqualTo(2);
    assertThat(listed.err())
        .contains("setting 'memory.working.jdbc-url'")
        .contains("names no supported engine");
  }
}
