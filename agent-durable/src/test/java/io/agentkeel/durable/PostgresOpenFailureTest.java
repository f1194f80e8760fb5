package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL journal whose table cannot be made fails to open and leaves no connection behind: it
 * used to keep its reading connection open for good (skipped without a server, unless CI).
 */
class PostgresOpenFailureTest {

  @Test
  void aJournalThatCannotMakeItsTableClosesBothConnections() throws Exception {
    Servers.requirePostgres();
    String prefix = Servers.uniquePrefix();
    String url = Servers.POSTGRES_URL + "?ApplicationName=" + prefix;
    try (Connection admin =
            DriverManager.getConnection(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "");
        Statement ddl = admin.createStatement()) {
      // A view in the table's place: CREATE TABLE IF NOT EXISTS skips it, and adding the columns
      // it lacks fails.
      ddl.execute("CREATE VIEW " + prefix + "task_journal AS SELECT 1 AS task_id");
      try {
        assertThatIllegalStateException()
            .isThrownBy(() -> JdbcTaskJournal.open(url, Servers.POSTGRES_USER, "", prefix))
            .withMessageStartingWith("cannot open the task journal");

        // Closing a connection ends its server process shortly after; a leaked one never ends.
        int open = Servers.connections(admin, prefix);
        for (int i = 0; open > 0 && i < 200; i++) {
          Thread.sleep(50);
          open = Servers.connections(admin, prefix);
        }
        assertThat(open).as("connections left open by the failed open").isZero();
      } finally {
        ddl.execute("DROP VIEW " + prefix + "task_journal");
      }
    }
  }
}
