package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A caller whose thread is interrupted can still queue a record when the queue has room: the append
 * waited for room interruptibly even when it had no need to wait, so it failed at once with
 * 'interrupted while the journal queue was full' (the queue held nothing), and the record, a step a
 * recovery then repeats, was lost. The interrupt is left set for the caller.
 */
class InterruptedCallerTest {

  @Test
  void anInterruptedCallerQueuesARecordWhenThereIsRoom() {
    String url = "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1";
    try (JdbcTaskJournal journal = JdbcTaskJournal.open(url, "sa", "", "interrupted_")) {
      JournalEntry started = new JournalEntry("t1", 0, Kind.STARTED, "", "{}");
      Thread.currentThread().interrupt();
      try {
        journal.append(started);
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
      } finally {
        Thread.interrupted();
      }

      assertThat(journal.read("t1")).containsExactly(started);
    }
  }

  /**
   * A forced record from a caller whose thread is interrupted, and a read by it, return once the
   * record is stored: since the record is queued whenever there is room, the wait for the writer
   * that followed, cut short by the interrupt, failed the call ('interrupted while the journal
   * stored a record') although the record was then stored, against appendForced's promise to throw
   * only for a record that could not be stored; and a read, whose flush waits the same way, failed.
   */
  @Test
  void anInterruptedCallersForcedRecordAndReadReturnOnceStored() {
    String url = "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1";
    try (JdbcTaskJournal journal = JdbcTaskJournal.open(url, "sa", "", "interrupted_forced_")) {
      List<JournalEntry> written = new ArrayList<>();
      written.add(new JournalEntry("t1", 0, Kind.STARTED, "", "{}"));
      journal.append(written.getFirst());
      for (int seq = 1; seq <= 20; seq++) { // the wait is cut short only if the writer is slower
        JournalEntry intent = new JournalEntry("t1", seq, Kind.TOOL_INTENT, "t1/" + seq, "{}");
        List<JournalEntry> read;
        Thread.currentThread().interrupt();
        try {
          journal.appendForced(intent);
          read = journal.read("t1");
          assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
          Thread.interrupted();
        }
        written.add(intent);

        assertThat(read).containsExactlyElementsOf(written);
      }
    }
  }

  /**
   * A journal closed by an interrupted thread still writes what is queued and stops its writer:
   * close() queued the writer's stop interruptibly, so it gave up at once, closed the connections
   * under the writer, which lost the records it held, and left the writer thread waiting for a stop
   * that never came, for good.
   */
  @Test
  void aJournalClosedByAnInterruptedThreadWritesWhatIsQueuedAndStopsItsWriter() throws Exception {
    String prefix = Servers.uniquePrefix();
    String url = "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1";
    JdbcTaskJournal journal = JdbcTaskJournal.open(url, "sa", "", prefix);
    Thread writer =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("agentkeel-journal-" + prefix + "task_journal"))
            .findFirst()
            .orElseThrow();
    journal.append(new JournalEntry("t1", 0, Kind.STARTED, "", "{}"));

    Thread.currentThread().interrupt();
    try {
      journal.close();
    } finally {
      Thread.interrupted();
    }

    writer.join(Duration.ofSeconds(30));
    assertThat(writer.isAlive()).as("the writer thread still runs").isFalse();
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT COUNT(*) FROM " + prefix + "task_journal")) {
      rows.next();
      assertThat(rows.getInt(1)).as("rows stored").isEqualTo(1);
    }
  }
}
