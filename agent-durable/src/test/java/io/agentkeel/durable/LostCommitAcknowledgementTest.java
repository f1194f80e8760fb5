package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import io.agentkeel.durable.internal.GroupCommitter;
import io.agentkeel.durable.internal.JournalWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A batch the database committed, whose acknowledgement the dropped connection lost, is not taken
 * for another run's records when the writer writes it again on a new connection: the run's forced
 * caller returns, and its later records, its end included, are stored. A different record at a
 * stored sequence is still refused as another run's.
 */
class LostCommitAcknowledgementTest {

  private static final String USER_H2 = "sa";

  @Test
  void h2RowsOfSeveralRecords() throws SQLException {
    String prefix = Servers.uniquePrefix();
    runAfterALostAcknowledgement("jdbc:h2:mem:" + prefix, USER_H2, prefix, false, true, false);
  }

  @Test
  void h2RowsOfSeveralRecordsAfterAStoredOne() throws SQLException {
    String prefix = Servers.uniquePrefix();
    runAfterALostAcknowledgement("jdbc:h2:mem:" + prefix, USER_H2, prefix, false, true, true);
  }

  @Test
  void h2RowsOfOneRecord() throws SQLException {
    String prefix = Servers.uniquePrefix();
    runAfterALostAcknowledgement("jdbc:h2:mem:" + prefix, USER_H2, prefix, false, false, true);
  }

  @Test
  void postgres() throws SQLException {
    Servers.requirePostgres();
    runAfterALostAcknowledgement(
        Servers.POSTGRES_URL, Servers.POSTGRES_USER, Servers.uniquePrefix(), true, false, false);
  }

  private static void runAfterALostAcknowledgement(
      String url,
      String user,
      String prefix,
      boolean postgres,
      boolean together,
      boolean firstStoredAlone)
      throws SQLException {
    List<JournalEntry> run =
        List.of(
            new JournalEntry("t1", 0, Kind.STARTED, "", "start"),
            new JournalEntry("t1", 1, Kind.MODEL_REPLY, "k\u0000ey", "re\u0000ply \u0001"),
            new JournalEntry("t1", 2, Kind.TOOL_INTENT, "t1:call", "intent"),
            new JournalEntry("t1", 3, Kind.TOOL_RESULT, "t1:call", "result"),
            new JournalEntry("t1", 4, Kind.ENDED, "", "done"));
    try (JdbcTaskJournal journal = JdbcTaskJournal.open(url, user, "", prefix, "instance-a")) {
      AtomicBoolean dropAfterCommit = new AtomicBoolean();
      JournalWriter.Connector connector = () -> DriverManager.getConnection(url, user, "");
      Connection first = connector.open();
      first.setAutoCommit(false);
      JournalWriter writer =
          new JournalWriter(
              losingAcknowledgement(first, dropAfterCommit),
              connector,
              prefix + "task_journal",
              postgres,
              together,
              "instance-a",
              Clock.systemUTC());
      try (writer;
          GroupCommitter committer =
              new GroupCommitter("lost-ack-test", writer, Duration.ofSeconds(30))) {
        if (firstStoredAlone) {
          committer.appendForced(run.get(0));
        } else {
          committer.append(run.get(0));
        }
        committer.append(run.get(1));
        dropAfterCommit.set(true);
        // Committed in one batch with those before it; the reply is lost with the connection.
        committer.appendForced(run.get(2));
        assertThat(dropAfterCommit).as("the connection was dropped after the commit").isFalse();
        committer.append(run.get(3));
        committer.appendForced(run.get(4));

        // A different record at a stored sequence is still another run's.
        assertThatIllegalStateException()
            .isThrownBy(
                () -> committer.appendForced(new JournalEntry("t1", 4, Kind.ENDED, "", "other")))
            .withMessageContaining("another run has the task");
      }

      assertThat(journal.read("t1")).isEqualTo(run);
      assertThat(journal.unfinished()).doesNotContain("t1");
    }
  }

  /**
   * A connection whose next commit, once armed, reaches the database and is then lost with the
   * connection, as when the server drops it before its reply arrives.
   */
  private static Connection losingAcknowledgement(Connection real, AtomicBoolean armed) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              try {
                Object result = method.invoke(real, args);
                if (method.getName().equals("commit") && armed.compareAndSet(true, false)) {
                  real.close();
                  throw new SQLException("connection lost before the commit's reply", "08006");
                }
                return result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
