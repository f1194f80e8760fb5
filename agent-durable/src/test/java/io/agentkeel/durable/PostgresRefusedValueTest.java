package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A record the database refuses for its values does not carry them into the error: PostgreSQL's
 * message for a check, not-null or similar violation ends "Failing row contains (...)", every value
 * of the row, here a customer's e-mail and card number from a model's reply, and the journal kept
 * that exception as the cause of the error its caller logs (skipped without a server, unless CI).
 */
class PostgresRefusedValueTest {

  @Test
  void theValuesOfARefusedRecordAreInNeitherTheErrorNorItsCauses() throws Exception {
    Servers.requirePostgres();
    String prefix = Servers.uniquePrefix();
    String table = prefix + "task_journal";
    try (JdbcTaskJournal journal = Servers.postgresJournal(prefix, "i1");
        Connection admin =
            DriverManager.getConnection(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "");
        Statement ddl = admin.createStatement()) {
      ddl.execute(
          "ALTER TABLE "
              + table
              + " ADD CONSTRAINT "
              + prefix
              + "short CHECK (length(payload) < 40)");
      try {
        journal.appendForced(new JournalEntry("t1", 0, Kind.STARTED, "", "{}"));

        Throwable error =
            catchThrowable(() ->
                journal.appendForced(
                    new JournalEntry(
                        "t1",
                        1,
                        Kind.MODEL_REPLY,
                        "",
                        "alice@example.com asked to pay with 4111 1111 1111 1111")));

        assertThat(error).isInstanceOf(IllegalStateException.class);
        StringWriter printed = new StringWriter();
        error.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString())
            .contains("23514")
            .doesNotContain("alice@example.com")
            .doesNotContain("4111");
      } finally {
        ddl.execute("DROP TABLE " + table);
      }
    }
  }
}
