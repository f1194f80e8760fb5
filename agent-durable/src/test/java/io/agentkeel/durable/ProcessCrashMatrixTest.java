package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The crash matrix with real processes: an agent instance runs as its own JVM on PostgreSQL and is
 * killed with SIGKILL at a named point; a second JVM recovers and finishes the task. The world
 * (effects counted in PostgreSQL), the journal and the reviews decide whether the invariants held.
 */
class ProcessCrashMatrixTest {

  @ParameterizedTest(name = "killed {0}, write tool {1}")
  @CsvSource({
    "before_intent, pay",
    "between_intent_and_result, pay",
    "between_intent_and_result, charge",
    "after_result, pay",
    "in_review, pay",
    "mid_model_call, pay"
  })
  void anotherInstanceFinishesTheTaskAndNoWriteRunsTwice(String point, String write)
      throws Exception {
    Servers.requirePostgres();
    String prefix = Servers.uniquePrefix();

    List<String> victim = run(prefix, "victim:" + point, write, "AT " + point);
    assertThat(victim).as("the victim reached its kill point").contains("AT " + point);
    List<String> survivor = run(prefix, "survivor", write, null);
    assertThat(survivor).as("the survivor finished").contains("DONE");

    try (Connection world =
            DriverManager.getConnection(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "");
        JdbcTaskJournal journal =
            JdbcTaskJournal.open(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", prefix)) {
      List<JournalEntry> entries = journal.read(CrashWorkerMain.TASK);
      assertThat(entries.getLast().kind()).isEqualTo(JournalEntry.Kind.ENDED);
      assertThat(entries.stream().filter(e -> e.kind() == JournalEntry.Kind.ENDED).count())
          .as("outcomes")
          .isEqualTo(1);
      assertThat(CrashWorkerMain.effects(world, prefix, "w1")).as("write effects").isEqualTo(1);
      assertThat(CrashWorkerMain.effects(world, prefix, "e1"))
          .as("destructive effects")
          .isLessThanOrEqualTo(1);
      boolean mayHaveRun =
          survivor.stream()
              .anyMatch(line -> line.startsWith("REVIEW") && line.contains("may already have run"));
      if (point.equals("between_intent_and_result") && write.equals("pay")) {
        assertThat(mayHaveRun).as("the write that may have run went to a person").isTrue();
      } else {
        assertThat(mayHaveRun).as("nothing else is sent as 'may already have run'").isFalse();
      }
      if (point.equals("in_review") || point.equals("after_result") || write.equals("charge")) {
        assertThat(CrashWorkerMain.effects(world, prefix, "e1"))
            .as("the approved destructive call ran on the survivor, once")
            .isEqualTo(1);
      }
    }
  }

  /** Runs one instance; with a kill line, SIGKILLs it when it prints that line. */
  private static List<String> run(String prefix, String role, String write, String killAt)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "--sun-misc-unsafe-memory-access=allow",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWorkerMain.class.getName(),
                prefix,
                role,
                write)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.equals(killAt)) {
          // SIGKILL: no shutdown hook, no flush of anything still queued.
          process.toHandle().destroyForcibly();
        }
      }
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("instance %s ended", role).isTrue();
    return lines;
  }
}
