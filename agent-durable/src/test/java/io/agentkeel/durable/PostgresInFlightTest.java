package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import org.junit.jupiter.api.Test;

/**
 * Instances sharing one PostgreSQL journal see each other's tasks in flight, each named by the
 * instance that wrote its last record (skipped without a server, unless CI).
 */
class PostgresInFlightTest {

  private static JournalEntry entry(String task, long seq, Kind kind) {
    return new JournalEntry(task, seq, kind, "", "payload " + seq);
  }

  @Test
  void twoInstancesSeeEachOthersTasks() {
    Servers.requirePostgres();
    String prefix = Servers.uniquePrefix();
    try (JdbcTaskJournal a = Servers.postgresJournal(prefix, "instance-a");
        JdbcTaskJournal b = Servers.postgresJournal(prefix, "instance-b")) {
      a.append(entry("t-a", 0, Kind.STARTED));
      a.appendForced(entry("t-a", 1, Kind.TOOL_INTENT));
      b.append(entry("t-b", 0, Kind.STARTED));
      b.appendForced(entry("t-b", 1, Kind.SUSPENDED));
      a.append(entry("t-done", 0, Kind.STARTED));
      a.appendForced(entry("t-done", 1, Kind.ENDED));
      // b takes over a's task: the task is now b's.
      b.appendForced(entry("t-a", 2, Kind.RECOVERED));

      for (JdbcTaskJournal journal : java.util.List.of(a, b)) {
        assertThat(journal.inFlight())
            .extracting(
                TaskInFlight::taskId,
                TaskInFlight::lastKind,
                TaskInFlight::records,
                TaskInFlight::instance)
            .containsExactlyInAnyOrder(
                tuple("t-a", Kind.RECOVERED, 3, "instance-b"),
                tuple("t-b", Kind.SUSPENDED, 2, "instance-b"));
      }
    }
  }
}
