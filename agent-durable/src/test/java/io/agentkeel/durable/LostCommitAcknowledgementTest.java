package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import io.agentkeel.durable.internal.GroupCommitter;
import io.agentkeel.durable.internal.JournalWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A batch the database committed, whose acknowledgement the dropped connection lost, is not taken
 * for another run's records when the writer writes it again on a new connection: the run's forced
 * caller returns, and its later records, its end included, are stored. So is a record written on
 * its own after its batch failed, whose own commit's acknowledgement is lost. A different record at
 * a stored sequence is still refused as another run's.
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

  @Test
  void h2RowsOfOneRecordEachWrittenAlone() throws SQLException {
    String prefix = Servers.uniquePrefix();
    runAfterLostAcknowledgementsOfRecordsWrittenAlone(
        "jdbc:h2:mem:" + prefix, USER_H2, prefix, false, false);
  }

  @Test
  void h2RowsOfSeveralRecordsEachWrittenAlone() throws SQLException {
    String prefix = Servers.uniquePrefix();
    runAfterLostAcknowledgementsOfRecordsWrittenAlone(
        "jdbc:h2:mem:" + prefix, USER_H2, prefix, false, true);
  }

  @Test
  void postgresEachWrittenAlone() throws SQLException {
    Servers.requirePostgres();
    runAfterLostAcknowledgementsOfRecordsWrittenAlone(
        Servers.POSTGRES_URL, Servers.POSTGRES_USER, Servers.uniquePrefix(), true, false);
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

  /**
   * A batch fails before its commit (the connection dropped while it was sent), so each of its
   * records is written on its own on a new connection; the commits of records 1 and 2 (the forced
   * one) reach the database and their replies are lost with the connection.
   */
  private static void runAfterLostAcknowledgementsOfRecordsWrittenAlone(
      String url, String user, String prefix, boolean postgres, boolean together)
      throws SQLException {
    List<JournalEntry> run =
        List.of(
            new JournalEntry("t1", 0, Kind.STARTED, "", "start"),
            new JournalEntry("t1", 1, Kind.MODEL_REPLY, "k\u0000ey", "re\u0000ply \u0001"),
            new JournalEntry("t1", 2, Kind.TOOL_INTENT, "t1:call", "intent"),
            new JournalEntry("t1", 3, Kind.TOOL_RESULT, "t1:call", "result"),
            new JournalEntry("t1", 4, Kind.ENDED, "", "done"));
    try (JdbcTaskJournal journal = JdbcTaskJournal.open(url, user, "", prefix, "instance-a")) {
      AtomicBoolean dropAtBatch = new AtomicBoolean();
      Set<Long> losingReply = ConcurrentHashMap.newKeySet();
      JournalWriter.Connector connector =
          () -> failingWrites(DriverManager.getConnection(url, user, ""), dropAtBatch, losingReply);
      Connection first = connector.open();
      first.setAutoCommit(false);
      JournalWriter writer =
          new JournalWriter(
              first,
              connector,
              prefix + "task_journal",
              postgres,
              together,
              "instance-a",
              Clock.systemUTC());
      try (writer;
          GroupCommitter committer =
              new GroupCommitter("lost-ack-alone-test", writer, Duration.ofSeconds(30))) {
        committer.append(run.get(0));
        committer.append(run.get(1));
        dropAtBatch.set(true);
        losingReply.addAll(List.of(1L, 2L));
        committer.appendForced(run.get(2));
        assertThat(dropAtBatch).as("the batch failed").isFalse();
        assertThat(losingReply)
            .as("records 1 and 2 were written alone, their replies lost")
            .isEmpty();
        committer.append(run.get(3));
        committer.appendForced(run.get(4));

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
   * A connection that, once armed, drops while a batch of inserts is sent (nothing of it stored),
   * and whose commit of a single insert of a sequence in {@code losingReply} reaches the database
   * and is then lost with the connection.
   */
  private static Connection failingWrites(
      Connection real, AtomicBoolean dropAtBatch, Set<Long> losingReply) {
    AtomicLong pending = new AtomicLong(-1);
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(real, method, args);
              if (method.getName().equals("prepareStatement")
                  && args[0].toString().startsWith("INSERT")) {
                PreparedStatement insert = (PreparedStatement) result;
                return Proxy.newProxyInstance(
                    PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    (statementProxy, call, callArgs) -> {
                      if (call.getName().equals("executeBatch")
                          && dropAtBatch.compareAndSet(true, false)) {
                        real.close();
                        throw new SQLException("connection lost while sending a batch", "08006");
                      }
                      if (call.getName().equals("setLong") && (int) callArgs[0] == 2) {
                        pending.set((long) callArgs[1]);
                      }
                      return invoke(insert, call, callArgs);
                    });
              }
              if (method.getName().equals("commit") && losingReply.remove(pending.get())) {
                real.close();
                throw new SQLException("connection lost before the commit's reply", "08006");
              }
              if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                pending.set(-1);
              }
              return result;
            });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
