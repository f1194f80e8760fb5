package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code audit access} counts each call under the principal of its task, also when the call ran in
 * a later command that resumed the task after a review.
 */
class AuditAccessTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDir;

  private CliRun cli(String... args) {
    return CliRun.of(dataDir, Map.of(), List.of(args));
  }

  @Test
  void aDestructiveCallApprovedInALaterCommandIsCountedUnderTheTasksPrincipal() {
    CliRun suspended =
        cli("run", "orders", "Please cancel order O-10002, I ordered it by mistake.", "--json");
    String review = JSON.readTree(suspended.out()).get("review_id").asString();
    CliRun approved = cli("review", "approve", review);
    assertThat(approved.exit()).as(approved.out() + approved.err()).isEqualTo(AgentKeelCli.OK);

    CliRun access = cli("audit", "access", "--json");

    JsonNode rows = JSON.readTree(access.out()).get("rows");
    assertThat(rows.valueStream().map(row -> row.get("principal").asString()))
        .as(access.out())
        .containsOnly("cli-user");
    assertThat(
            rows.valueStream()
                .filter(row -> row.get("tool").asString().equals("cancel_order"))
                .map(row -> row.get("calls").asLong()))
        .containsExactly(1L);
  }
}
