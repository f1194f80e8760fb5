package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL journal whose connections the server dropped (a restart, a failover, an idle timeout
 * in a proxy) goes on with new ones instead of failing every later record (skipped without a
 * server, unless CI).
 */
class PostgresConnectionLostTest {

  private static JournalEntry entry(String task, long seq, Kind kind) {
    return new JournalEntry(task, seq, kind, "", "payload " + seq);
  }

  @Test
  void aJournalWhoseConnectionsWereDroppedGoesOn() throws SQLException {
    Servers.requirePostgres();
    String prefix = Servers.uniquePrefix();
    String url = Servers.POSTGRES_URL + "?ApplicationName=" + prefix;
    try (JdbcTaskJournal journal = JdbcTaskJournal.open(url, Servers.POSTGRES_USER, "", prefix)) {
      journal.appendForced(entry("t1", 0, Kind.STARTED));
      assertThat(journal.read("t1")).hasSize(1);

      assertThat(dropConnections(prefix)).as("connections dropped").isEqualTo(2);

      journal.appendForced(entry("t1", 1, Kind.TOOL_INTENT));
      journal.append(entry("t1", 2, Kind.TOOL_RESULT));
      assertThat(journal.read("t1"))
          .extracting(JournalEntry::kind)
          .containsExactly(Kind.STARTED, Kind.TOOL_INTENT, Kind.TOOL_RESULT);
      assertThat(journal.unfinished()).containsExactly("t1");
    }
  }

  /** Ends the server side of every connection with this application name, as a restart does. */
  private static int dropConnections(String applicationName) throws SQLException {
    try (Connection admin =
            DriverManager.getConnection(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "");
        PreparedStatement terminate =
            admin.prepareStatement(
                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = ?")) {
      terminate.setString(1, applicationName);
      try (ResultSet count = terminate.executeQuery()) {
        count.next();
        return count.getInt(1);
      }
    }
  }
}
