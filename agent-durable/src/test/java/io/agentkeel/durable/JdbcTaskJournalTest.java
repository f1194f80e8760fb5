package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the JDBC journal does beyond the contract: reopening a file, naming what is wrong, keeping a
 * task's records together in one row, listing the tasks in flight.
 */
class JdbcTaskJournalTest {

  @TempDir static Path directory;

  private final List<JdbcTaskJournal> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(JdbcTaskJournal::close);
  }

  private static JournalEntry entry(String task, long seq, Kind kind) {
    return new JournalEntry(task, seq, kind, "k" + seq, "payload " + seq);
  }

  @Test
  void theErrorOfADuplicateNamesTheTaskAndTheRecord() {
    JdbcTaskJournal journal =
        JdbcTaskJournal.open(
            "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1", "sa", "", "p_");
    opened.add(journal);
    journal.appendForced(entry("t1", 0, Kind.STARTED));
    assertThatIllegalStateException()
        .isThrownBy(() -> journal.appendForced(entry("t1", 0, Kind.RECOVERED)))
        .withMessage("the journal of task 't1' already holds record 0; another run has the task");
  }

  /**
   * A row of a kind this version does not know (a newer version wrote it, or someone edited the
   * table) is named as such: it failed with the enum's own 'No enum constant ...Kind.PAUSED', an
   * IllegalArgumentException that read and inFlight do not declare.
   */
  @Test
  void aRowOfAKindThisVersionDoesNotKnowIsNamed() throws SQLException {
    String url = "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1";
    JdbcTaskJournal journal = JdbcTaskJournal.open(url, "sa", "", "p_");
    opened.add(journal);
    journal.appendForced(entry("t1", 0, Kind.STARTED));
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement insert = connection.createStatement()) {
      insert.execute(
          "INSERT INTO p_task_journal (task_id, seq, last_seq, kind, entry_key, payload,"
              + " written_at, instance) VALUES ('t1', 1, 1, 'PAUSED', '', '',"
              + " CURRENT_TIMESTAMP, 'newer')");
    }

    assertThatIllegalStateException()
        .isThrownBy(() -> journal.read("t1"))
        .withMessageContaining("'PAUSED'")
        .withMessageContaining("row 1..1");
    assertThatIllegalStateException()
        .isThrownBy(journal::inFlight)
        .withMessageContaining("'PAUSED'")
        .withMessageContaining("row 1..1");
  }

  @Test
  void theEmbeddedJournalKeepsItsRecordsAcrossAReopen() {
    Path data = directory.resolve("reopen");
    JdbcTaskJournal first = JdbcTaskJournal.embedded(data);
    first.append(entry("t1", 0, Kind.STARTED));
    first.append(entry("t1", 1, Kind.MODEL_REPLY));
    first.close();

    JdbcTaskJournal second = JdbcTaskJournal.embedded(data);
    opened.add(second);
    assertThat(second.read("t1")).hasSize(2);
    assertThat(second.unfinished()).containsExactly("t1");
  }

  @Test
  void anUnknownEngineOrAMalformedPrefixIsNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JdbcTaskJournal.open("jdbc:mysql://x/y?password=secret", "u", "", "p_"))
        .withMessageContaining("password=***")
        .withMessageNotContaining("secret")
        .withMessageContaining("jdbc:postgresql://");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JdbcTaskJournal.open("jdbc:h2:mem:x", "sa", "", "Bad-Prefix"))
        .withMessageContaining("'Bad-Prefix'");
  }

  private static String memUrl() {
    return "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1";
  }

  private static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void anEmbeddedTaskIsOneRowAndComesBackRecordByRecord() throws SQLException {
    String url = memUrl();
    JdbcTaskJournal journal = JdbcTaskJournal.open(url, "sa", "", "p_");
    opened.add(journal);
    List<JournalEntry> task =
        List.of(
            new JournalEntry("t1", 0, Kind.STARTED, "", "{\"a\":\"x y\\n\"}"),
            new JournalEntry("t1", 1, Kind.MODEL_REPLY, "", ""),
            new JournalEntry("t1", 2, Kind.TOOL_INTENT, "t1/1/0", "3 4\n5 \u00e9"),
            new JournalEntry("t1", 3, Kind.TOOL_RESULT, "t1/1/0", "ENDED 0 9\n"),
            new JournalEntry("t1", 4, Kind.ENDED, "", "completed"));
    task.subList(0, 4).forEach(journal::append);
    journal.appendForced(task.get(4));

    assertThat(count(url, "SELECT COUNT(*) FROM p_task_journal")).isEqualTo(1);
    assertThat(journal.read("t1")).isEqualTo(task);
    assertThat(journal.unfinished()).isEmpty();
  }

  @Test
  void aRecordInsideAStoredRowIsRefusedAndTheNextOneIsNot() {
    Path data = directory.resolve("inside");
    JdbcTaskJournal first = JdbcTaskJournal.embedded(data);
    for (int seq = 0; seq < 3; seq++) {
      first.append(entry("t1", seq, Kind.MODEL_REPLY));
    }
    first.appendForced(entry("t1", 3, Kind.TOOL_INTENT));
    assertThatIllegalStateException()
        .isThrownBy(() -> first.appendForced(entry("t1", 2, Kind.RECOVERED)))
        .withMessage("the journal of task 't1' already holds record 2; another run has the task");
    first.close();

    // A new journal knows nothing of the task: the stored rows decide.
    JdbcTaskJournal second = JdbcTaskJournal.embedded(data);
    opened.add(second);
    assertThatIllegalStateException()
        .isThrownBy(() -> second.appendForced(entry("t1", 1, Kind.RECOVERED)));
    second.appendForced(entry("t1", 4, Kind.RECOVERED));
    assertThat(second.read("t1"))
        .extracting(JournalEntry::sequence)
        .containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void aTableFromBeforeRowsHeldSeveralRecordsIsReadAndWritten() throws SQLException {
    String url = memUrl();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE p_task_journal (task_id VARCHAR(512) NOT NULL, seq BIGINT NOT NULL,"
              + " kind VARCHAR(16) NOT NULL, entry_key VARCHAR(1024) NOT NULL, payload"
              + " CHARACTER VARYING NOT NULL, written_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT"
              + " NULL, PRIMARY KEY (task_id, seq))");
      s.execute(
          "INSERT INTO p_task_journal (task_id, seq, kind, entry_key, payload)"
              + " VALUES ('old', 0, 'STARTED', 'k0', 'payload 0')");
    }
    JdbcTaskJournal journal = JdbcTaskJournal.open(url, "sa", "", "p_", "new-instance");
    opened.add(journal);
    journal.appendForced(entry("old", 1, Kind.RECOVERED));

    assertThat(journal.read("old"))
        .containsExactly(entry("old", 0, Kind.STARTED), entry("old", 1, Kind.RECOVERED));
    assertThat(journal.inFlight())
        .singleElement()
        .extracting(TaskInFlight::records, TaskInFlight::instance)
        .containsExactly(2, "new-instance");
  }

  @Test
  void theTasksInFlightNameTheirLastRecordTheInstanceAndTheTime() {
    JdbcTaskJournal journal = JdbcTaskJournal.open(memUrl(), "sa", "", "p_", "host-a:1");
    opened.add(journal);
    Instant before = Instant.now().minusSeconds(1);
    journal.append(entry("running", 0, Kind.STARTED));
    journal.append(entry("running", 1, Kind.MODEL_REPLY));
    journal.append(entry("waiting", 0, Kind.STARTED));
    journal.appendForced(entry("waiting", 1, Kind.SUSPENDED));
    journal.append(entry("done", 0, Kind.STARTED));
    journal.appendForced(entry("done", 1, Kind.ENDED));

    List<TaskInFlight> inFlight = journal.inFlight();

    assertThat(inFlight)
        .extracting(TaskInFlight::taskId, TaskInFlight::lastKind, TaskInFlight::records)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("running", Kind.MODEL_REPLY, 2),
            org.assertj.core.groups.Tuple.tuple("waiting", Kind.SUSPENDED, 2));
    assertThat(inFlight)
        .allSatisfy(task -> {
          assertThat(task.instance()).isEqualTo("host-a:1");
          assertThat(task.lastWrite()).isBetween(before, Instant.now().plusSeconds(1));
        });
  }

  @Test
  void theDefaultInstanceIsTheHostAndTheProcess() {
    assertThat(JdbcTaskJournal.defaultInstance()).endsWith(":" + ProcessHandle.current().pid());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JdbcTaskJournal.open(memUrl(), "sa", "", "p_", " "))
        .withMessageContaining("instance name");
  }
}
