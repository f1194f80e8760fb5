package io.agentkeel.durable;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.durable.internal.GroupCommitter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A task journal in a SQL database: an embedded H2 file under a data directory (the default,
 * nothing to install, the engine of the memory module's working tier) or PostgreSQL (shared by
 * every instance). One table holds one row per record, keyed by task and sequence, so a record of a
 * run that lost its task is refused. A task's records are its own steps (a reply, a call's intent
 * or result), never a copy of the conversation: a tool result is as large as the workflow's result
 * limit lets it be.
 *
 * <p>Appends go through a group commit: one writer thread stores whatever was appended meanwhile in
 * one transaction. {@link #append} returns once the record is queued; {@link #appendForced} waits
 * for the commit. On PostgreSQL a batch with no forced record commits without waiting for the WAL
 * flush ({@code synchronous_commit = off}); a batch with one waits for it. H2 writes its file on
 * commit, without an fsync of its own. Thread-safe; close it to write what is queued and release
 * the database.
 */
public final class JdbcTaskJournal implements TaskJournal {

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");

  private final boolean postgres;
  private final String table;
  private final Connection writer;
  private final Connection reader;
  private final GroupCommitter committer;

  private JdbcTaskJournal(boolean postgres, String table, Connection writer, Connection reader) {
    this.postgres = postgres;
    this.table = table;
    this.writer = writer;
    this.reader = reader;
    this.committer = new GroupCommitter("agentkeel-journal-" + table, new Writer());
  }

  /**
   * Opens (creating if needed) the embedded journal in {@code dataDirectory/journal}.
   *
   * @param dataDirectory the agent's data directory
   * @return the journal, its table created
   * @throws IllegalStateException if the file cannot be opened (another process has it open, say)
   */
  public static JdbcTaskJournal embedded(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Path file = dataDirectory.toAbsolutePath().resolve("journal").resolve("agentkeel");
    return open("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", "agentkeel_");
  }

  /**
   * Opens a journal by JDBC URL: {@code jdbc:h2:...} or {@code jdbc:postgresql://...}.
   *
   * @param jdbcUrl the URL
   * @param user the user
   * @param password the password; empty for none
   * @param tablePrefix the prefix of the journal's table, lower case, such as {@code agentkeel_}
   * @return the journal, its table created
   * @throws IllegalArgumentException if the URL names another engine or the prefix is malformed
   * @throws IllegalStateException if the database cannot be reached
   */
  public static JdbcTaskJournal open(
      String jdbcUrl, String user, String password, String tablePrefix) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    boolean postgres;
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      postgres = false;
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      postgres = true;
    } else {
      throw new IllegalArgumentException(
          "task journal URL '"
              + jdbcUrl.replaceAll("password=[^&;]*", "password=***")
              + "' names no supported engine: use jdbc:h2:... (embedded) or"
              + " jdbc:postgresql://host:port/database");
    }
    if (!PREFIX.matcher(tablePrefix).matches()) {
      throw new IllegalArgumentException(
          "task journal table prefix '"
              + tablePrefix
              + "' must be lower-case letters, digits and underscores, starting with a letter,"
              + " at most 31 characters, such as 'agentkeel_'");
    }
    String table = tablePrefix + "task_journal";
    Connection writer = null;
    try {
      writer = DriverManager.getConnection(jdbcUrl, user, password);
      Connection reader = DriverManager.getConnection(jdbcUrl, user, password);
      try (Statement ddl = writer.createStatement()) {
        ddl.execute(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " (task_id VARCHAR(512) NOT NULL, seq BIGINT NOT NULL, kind VARCHAR(16) NOT NULL,"
                + " entry_key VARCHAR(1024) NOT NULL, payload "
                + (postgres ? "TEXT" : "CHARACTER VARYING")
                + " NOT NULL, written_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,"
                + " PRIMARY KEY (task_id, seq))");
      }
      writer.setAutoCommit(false);
      return new JdbcTaskJournal(postgres, table, writer, reader);
    } catch (SQLException e) {
      if (writer != null) {
        try {
          writer.close();
        } catch (SQLException ignored) {
          // The open failed already; that failure is the one to report.
        }
      }
      throw new IllegalStateException(
          "cannot open the task journal ("
              + e.getMessage()
              + "); check the URL, that the database runs, and that no other process holds an"
              + " embedded journal file",
          e);
    }
  }

  @Override
  public void append(JournalEntry entry) {
    committer.append(Objects.requireNonNull(entry, "entry"));
  }

  @Override
  public void appendForced(JournalEntry entry) {
    committer.appendForced(Objects.requireNonNull(entry, "entry"));
  }

  @Override
  public List<JournalEntry> read(String taskId) {
    committer.flush();
    synchronized (reader) {
      try (PreparedStatement select =
          reader.prepareStatement(
              "SELECT seq, kind, entry_key, payload FROM "
                  + table
                  + " WHERE task_id = ? ORDER BY seq")) {
        select.setString(1, taskId);
        List<JournalEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            entries.add(
                new JournalEntry(
                    taskId,
                    rows.getLong(1),
                    JournalEntry.Kind.valueOf(rows.getString(2)),
                    rows.getString(3),
                    rows.getString(4)));
          }
        }
        return entries;
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot read the journal of a task (" + e.getSQLState() + ")", e);
      }
    }
  }

  @Override
  public List<String> unfinished() {
    committer.flush();
    synchronized (reader) {
      try (Statement select = reader.createStatement();
          ResultSet rows =
              select.executeQuery(
                  "SELECT j.task_id FROM "
                      + table
                      + " j WHERE j.seq = (SELECT MAX(l.seq) FROM "
                      + table
                      + " l WHERE l.task_id = j.task_id) AND j.kind <> 'ENDED'"
                      + " ORDER BY j.written_at, j.task_id")) {
        List<String> ids = new ArrayList<>();
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
        return ids;
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot list the unfinished tasks of the journal (" + e.getSQLState() + ")", e);
      }
    }
  }

  @Override
  public void flush() {
    committer.flush();
  }

  /** Writes what is queued and closes the connections. Closing twice has no further effect. */
  @Override
  public void close() {
    committer.close();
    synchronized (reader) {
      closeQuietly(reader);
    }
    closeQuietly(writer);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing: nothing is left to protect.
    }
  }

  /** Stores batches on the writer connection; used by the writer thread only. */
  private final class Writer implements GroupCommitter.BatchWriter {
    private final String insert =
        "INSERT INTO " + table + " (task_id, seq, kind, entry_key, payload) VALUES (?, ?, ?, ?, ?)";

    @Override
    public void writeAll(List<JournalEntry> entries, boolean forced) throws SQLException {
      try {
        if (postgres && !forced) {
          try (Statement relaxed = writer.createStatement()) {
            relaxed.execute("SET LOCAL synchronous_commit TO OFF");
          }
        }
        try (PreparedStatement statement = writer.prepareStatement(insert)) {
          for (JournalEntry entry : entries) {
            bind(statement, entry);
            statement.addBatch();
          }
          statement.executeBatch();
        }
        writer.commit();
      } catch (SQLException e) {
        writer.rollback();
        throw e;
      }
    }

    @Override
    public void writeOne(JournalEntry entry) throws SQLException {
      try (PreparedStatement statement = writer.prepareStatement(insert)) {
        bind(statement, entry);
        statement.executeUpdate();
        writer.commit();
      } catch (SQLException e) {
        writer.rollback();
        throw e;
      }
    }

    @Override
    public boolean isDuplicate(Exception failure) {
      if (failure instanceof SQLException sql) {
        // 23505: unique violation, on both engines.
        return "23505".equals(sql.getSQLState());
      }
      return false;
    }

    private void bind(PreparedStatement statement, JournalEntry entry) throws SQLException {
      statement.setString(1, entry.taskId());
      statement.setLong(2, entry.sequence());
      statement.setString(3, entry.kind().name());
      statement.setString(4, entry.key());
      statement.setString(5, entry.payload());
    }
  }
}
