package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.durable.JdbcTaskJournal;
import io.agentkeel.testkit.LocalServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code agentkeel tasks}: tasks in flight across instances sharing a journal. */
class TasksCommandTest {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @TempDir Path dataDir;

  private CliRun cli(Map<String, String> environment, String... args) {
    return CliRun.of(dataDir, environment, List.of(args));
  }

  @Test
  void listsTheTasksOfEveryInstanceThatHaveNoOutcome() {
    LocalServers.require("PostgreSQL", 5432);
    String prefix = LocalServers.uniquePrefix("akcli");
    try (JdbcTaskJournal a = JdbcTaskJournal.open(URL, "postgres", "", prefix, "host-a:1");
        JdbcTaskJournal b = JdbcTaskJournal.open(URL, "postgres", "", prefix, "host-b:2")) {
      a.appendForced(new JournalEntry("task-running", 0, JournalEntry.Kind.STARTED, "", "{}"));
      b.appendForced(new JournalEntry("task-review", 0, JournalEntry.Kind.STARTED, "", "{}"));
      b.appendForced(new JournalEntry("task-review", 1, JournalEntry.Kind.SUSPENDED, "r-1", ""));
      a.appendForced(new JournalEntry("task-done", 0, JournalEntry.Kind.STARTED, "", "{}"));
      a.appendForced(new JournalEntry("task-done", 1, JournalEntry.Kind.ENDED, "", "done"));
    }
    CliRun listed =
        cli(
            Map.of("JOURNAL_PW", ""),
            "--set",
            "durable.journal.jdbc-url=" + URL,
            "--set",
            "durable.journal.user=postgres",
            "--set",
            "durable.journal.password-env=JOURNAL_PW",
            "--set",
            "durable.journal.prefix=" + prefix,
            "tasks",
            "--json");
    assertThat(listed.exit()).as(listed.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(listed.out());
    Map<String, JsonNode> byTask = new java.util.HashMap<>();
    json.get("in_flight").forEach(row -> byTask.put(row.get("task_id").asString(), row));
    assertThat(byTask).containsOnlyKeys("task-running", "task-review");
    assertThat(byTask.get("task-running").get("instance").asString()).isEqualTo("host-a:1");
    assertThat(byTask.get("task-running").get("state").asString()).isEqualTo("running or orphaned");
    assertThat(byTask.get("task-review").get("instance").asString()).isEqualTo("host-b:2");
    assertThat(byTask.get("task-review").get("state").asString()).isEqualTo("waiting for a person");
    assertThat(byTask.get("task-review").get("records").asInt()).isEqualTo(2);
  }

  @Test
  void anEmbeddedJournalWithNothingInFlightSaysSo() {
    CliRun listed = cli(Map.of(), "tasks");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("0 in flight");
  }

  @Test
  void aQueueThatDoesNotExistIsNotCreatedByLookingAtItAndTheLocalListIsStillShown() {
    LocalServers.require("RabbitMQ", 5672);
    String missing = LocalServers.uniquePrefix("akcli") + "nosuchqueue";
    for (int look = 0; look < 2; look++) {
      CliRun listed =
          cli(
              Map.of(),
              "--set",
              "cluster.queue.uri=amqp://guest:guest@127.0.0.1:5672",
              "--set",
              "cluster.queue.name=" + missing,
              "tasks");
      assertThat(listed.exit()).as(listed.err()).isZero();
      assertThat(listed.out()).contains("0 in flight").contains("0 queued");
      assertThat(listed.err())
          .as("the second look finds no queue either: the first did not declare it")
          .contains("no queue '" + missing + "' on amqp://127.0.0.1:5672 yet")
          .doesNotContain("null")
          .doesNotContain("guest");
    }
  }

  @Test
  void aBrokerThatCannotBeReachedIsNamedAfterTheLocalList() {
    CliRun listed =
        cli(
            Map.of(),
            "--set",
            "cluster.queue.uri=amqp://guest:secret@127.0.0.1:1",
            "tasks",
            "--json");
    assertThat(listed.exit()).isEqualTo(AgentKeelCli.NOT_COMPLETED);
    JsonNode json = JsonMapper.builder().build().readTree(listed.out());
    assertThat(json.get("in_flight")).isEmpty();
    assertThat(json.get("queued").isNull()).isTrue();
    assertThat(listed.err())
        .contains("cannot read the depth of queue 'agentkeel.tasks' on amqp://127.0.0.1:1:")
        .contains("Connection refused")
        .doesNotContain(": null")
        .doesNotContain("secret");
  }

  @Test
  void aPasswordVariableThatIsNotSetIsAUsageError() {
    CliRun listed =
        cli(
            Map.of(),
            "--set",
            "durable.journal.jdbc-url=" + URL,
            "--set",
            "durable.journal.password-env=NOT_SET_ANYWHERE",
            "tasks");
    assertThat(listed.exit()).isEqualTo(AgentKeelCli.USAGE);
    assertThat(listed.err()).contains("NOT_SET_ANYWHERE");
  }
}
