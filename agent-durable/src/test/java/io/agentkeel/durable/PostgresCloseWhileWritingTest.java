package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL journal closed while its writer is held up (a lock on the table, a slow server)
 * leaves no connection open once the writer ends: close() gives up waiting for the writer after ten
 * seconds and closes its connection, and the writer, whose statement then failed, took the closed
 * connection for one the server dropped and opened a new one, which nothing closed again (skipped
 * without a server, unless CI).
 */
class PostgresCloseWhileWritingTest {

  @Test
  void aJournalClosedWhileItsWriterWaitsLeavesNoConnectionOpen() throws Exception {
    Servers.requirePostgres();
    String prefix = Servers.uniquePrefix();
    String url = Servers.POSTGRES_URL + "?ApplicationName=" + prefix;
    JdbcTaskJournal journal = JdbcTaskJournal.open(url, Servers.POSTGRES_USER, "", prefix);
    Thread writer = writerThread(prefix + "task_journal").orElseThrow();
    try (Connection admin =
        DriverManager.getConnection(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "")) {
      admin.setAutoCommit(false);
      try (Statement lock = admin.createStatement()) {
        lock.execute("LOCK TABLE " + prefix + "task_journal IN ACCESS EXCLUSIVE MODE");
      }
      journal.append(new JournalEntry("t1", 0, Kind.STARTED, "", "{}"));
      awaitWaitingOnLock(admin, prefix);

      journal.close(); // gives up on the writer after ten seconds

      admin.commit(); // the writer goes on, and ends
      writer.join();
      int open = Servers.connections(admin, prefix);
      for (int i = 0; open > 0 && i < 200; i++) {
        Thread.sleep(50);
        open = Servers.connections(admin, prefix);
      }
      assertThat(open).as("connections left open by the closed journal").isZero();
    } finally {
      try (Connection admin =
              DriverManager.getConnection(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "");
          Statement drop = admin.createStatement()) {
        drop.execute("DROP TABLE IF EXISTS " + prefix + "task_journal");
      }
    }
  }

  private static Optional<Thread> writerThread(String table) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("agentkeel-journal-" + table))
        .findFirst();
  }

  /** Waits until the journal's insert waits for the lock the test holds. */
  private static void awaitWaitingOnLock(Connection admin, String applicationName)
      throws SQLException, InterruptedException {
    try (PreparedStatement waiting =
        admin.prepareStatement(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?"
                + " AND wait_event_type = 'Lock'")) {
      waiting.setString(1, applicationName);
      while (true) {
        try (ResultSet rows = waiting.executeQuery()) {
          rows.next();
          if (rows.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
  }
}
