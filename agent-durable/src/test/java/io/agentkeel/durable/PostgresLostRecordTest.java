package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A forced record does not return as stored while a record of its run before it was lost: the
 * database refused one record (here a trigger, as a full disk or a statement timeout would), the
 * writer logged it, and the next forced record, the intent of a write, was stored after the gap and
 * returned, although appendForced promises every earlier record of its task stored. A recovery then
 * replays a journal missing the reply that asked for the write, takes the intent for no call of the
 * replies it has, and may run the write again. An end is stored all the same, so that the task is
 * not run again (skipped without a server, unless CI).
 */
class PostgresLostRecordTest {

  @Test
  void aForcedRecordAfterALostOneIsRefusedAndTheEndIsStored() throws Exception {
    Servers.requirePostgres();
    String prefix = Servers.uniquePrefix();
    String table = prefix + "task_journal";
    try (JdbcTaskJournal journal = Servers.postgresJournal(prefix, "i1");
        Connection admin =
            DriverManager.getConnection(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "");
        Statement ddl = admin.createStatement()) {
      ddl.execute(
          "CREATE FUNCTION "
              + prefix
              + "refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$");
      ddl.execute(
          "CREATE TRIGGER "
              + prefix
              + "refuse BEFORE INSERT ON "
              + table
              + " FOR EACH ROW WHEN (NEW.task_id = 't1' AND NEW.seq = 1) EXECUTE FUNCTION "
              + prefix
              + "refuse()");
      try {
        journal.append(new JournalEntry("t1", 0, Kind.STARTED, "", "{}"));
        journal.append(new JournalEntry("t1", 1, Kind.MODEL_REPLY, "", "pay 100 EUR"));

        assertThatIllegalStateException()
            .isThrownBy(() ->
                journal.appendForced(
                    new JournalEntry("t1", 2, Kind.TOOL_INTENT, "t1/1/0", "{\"tool\":\"pay\"}")))
            .withMessageContaining("record 1");
        journal.appendForced(new JournalEntry("t1", 3, Kind.ENDED, "", "failed"));

        assertThat(journal.read("t1"))
            .extracting(JournalEntry::kind)
            .containsExactly(Kind.STARTED, Kind.ENDED);
        assertThat(journal.unfinished()).doesNotContain("t1");
      } finally {
        ddl.execute("DROP TABLE " + table);
        ddl.execute("DROP FUNCTION " + prefix + "refuse()");
      }
    }
  }
}
