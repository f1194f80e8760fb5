package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
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
