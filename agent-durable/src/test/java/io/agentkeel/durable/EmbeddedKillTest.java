package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forced record of the embedded journal survives a SIGKILL right after {@code appendForced}
 * returned: H2 commits to memory and writes its file later, so the journal writes it through first.
 * A record nobody waited for may be lost; that costs a repeated step.
 */
class EmbeddedKillTest {

  @TempDir Path data;

  /** Appends, says so once the forced record is stored, and waits to be killed. */
  public static final class Victim {
    private Victim() {}

    /**
     * Runs the victim.
     *
     * @param args the data directory
     * @throws InterruptedException never, in practice: it is killed first
     */
    public static void main(String[] args) throws InterruptedException {
      JdbcTaskJournal journal = JdbcTaskJournal.embedded(Path.of(args[0]));
      journal.append(new JournalEntry("t1", 0, Kind.STARTED, "", "started"));
      journal.appendForced(new JournalEntry("t1", 1, Kind.TOOL_INTENT, "t1/1/0", "pay"));
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.println("FORCED");
      Thread.sleep(60_000);
    }
  }

  @Test
  void aForcedRecordOutlivesTheProcess() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process victim =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Victim.class.getName(),
                data.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("FORCED");
      victim.toHandle().destroyForcibly();
    }
    assertThat(victim.waitFor(60, TimeUnit.SECONDS)).isTrue();

    try (JdbcTaskJournal journal = JdbcTaskJournal.embedded(data)) {
      assertThat(journal.read("t1"))
          .extracting(JournalEntry::sequence, JournalEntry::kind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(0L, Kind.STARTED),
              org.assertj.core.groups.Tuple.tuple(1L, Kind.TOOL_INTENT));
    }
  }
}
