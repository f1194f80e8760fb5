package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import org.junit.jupiter.api.Test;

/**
 * The sequence fences two runs of one task on instances sharing a PostgreSQL journal: once a run's
 * record is refused because another run stored that sequence, nothing later of the first run is
 * stored, and its next forced record fails (skipped without a server, unless CI).
 */
class PostgresTakeoverFenceTest {

  private static JournalEntry entry(String task, long seq, Kind kind) {
    return new JournalEntry(task, seq, kind, "", "payload " + seq);
  }

  @Test
  void aRunWhoseRecordWasRefusedCannotForceALaterOne() {
    Servers.requirePostgres();
    String prefix = Servers.uniquePrefix();
    try (JdbcTaskJournal a = Servers.postgresJournal(prefix, "instance-a");
        JdbcTaskJournal b = Servers.postgresJournal(prefix, "instance-b")) {
      a.appendForced(entry("t1", 0, Kind.STARTED));
      // Instance a lost its lease (not its life); instance b takes the task over.
      b.appendForced(entry("t1", 1, Kind.RECOVERED));
      // a's run goes on: its model reply is refused when stored, which a does not wait for ...
      a.append(entry("t1", 1, Kind.MODEL_REPLY));
      // ... so the intent of its write must not be stored either: b may be about to run it.
      assertThatIllegalStateException()
          .isThrownBy(() -> a.appendForced(entry("t1", 2, Kind.TOOL_INTENT)))
          .withMessageContaining("'t1'")
          .withMessageContaining("another run has the task");
      a.append(entry("t1", 3, Kind.TOOL_RESULT));
      a.flush();

      assertThat(b.read("t1"))
          .extracting(JournalEntry::kind)
          .containsExactly(Kind.STARTED, Kind.RECOVERED);
      // b's run goes on from where it joined.
      b.appendForced(entry("t1", 2, Kind.TOOL_INTENT));
      assertThat(b.read("t1"))
          .extracting(JournalEntry::kind)
          .containsExactly(Kind.STARTED, Kind.RECOVERED, Kind.TOOL_INTENT);
      // A later run on a, joining after what b stored, is not held back by a's old run.
      a.appendForced(entry("t1", 3, Kind.RECOVERED));
      assertThat(a.read("t1")).hasSize(4);
    }
  }
}
