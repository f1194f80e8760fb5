package io.agentkeel.durable;

import io.agentkeel.api.ConnectionUrls;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.durable.internal.GroupCommitter;
import io.agentkeel.durable.internal.JournalSchema;
import io.agentkeel.durable.internal.JournalWriter;
import io.agentkeel.durable.internal.PostgresText;
import io.agentkeel.durable.internal.RecordRows;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A task journal in a SQL database: an embedded H2 file under a data directory (the default,
 * nothing to install, the engine of the memory module's working tier) or PostgreSQL (shared by
 * every instance). One table holds the records, keyed by task and sequence, so a record of a run
 * that lost its task is refused. A task's records are its own steps (a reply, a call's intent or
 * result), never a copy of the conversation: a tool result is as large as the workflow's result
 * limit lets it be. Each row also names the instance that wrote it and when (the commit time of its
 * batch, UTC), which {@link #inFlight()} reports.
 *
 * <p>Appends go through a group commit: one writer thread stores whatever was appended meanwhile in
 * one transaction. {@link #append} returns once the record is queued; {@link #appendForced} waits
 * for the commit that holds the record and every earlier record of its task. On PostgreSQL every
 * record is a row of its own, written as soon as the writer takes it; a batch with no forced record
 * commits without waiting for the WAL flush ({@code synchronous_commit = off}), a batch with one
 * waits for it. In an embedded H2 file (one process opens it) the writer holds a record nobody
 * waits for up to {@link #EMBEDDED_LINGER} and then stores the records a task has gathered as one
 * row: a short task is one row, not one per step, which is what keeps the embedded journal cheap
 * next to the model calls it records. A crash loses at most that much of such records: replies and
 * reads to repeat, or a task younger than the linger that reached no forced record, and so had run
 * no write or destructive call and given its caller no outcome. H2 commits to memory and writes its
 * file up to half a second later, so a batch with a forced record is written through ({@code
 * CHECKPOINT}) before the caller returns, without an fsync: it survives the death of the process,
 * not of the machine. A connection the server dropped (a restart, a failover) is replaced: the
 * records of the failed write are written again on the new one, and a failed read runs once more.
 * Task ids of up to {@link #MAX_TASK_ID_LENGTH} characters and keys of up to {@link
 * #MAX_KEY_LENGTH} are stored; a longer one is refused when appended, on every engine. Thread-safe;
 * close it to write what is queued and release the database. After {@link #close} every call fails
 * with an {@link IllegalStateException}; none waits forever.
 */
public final class JdbcTaskJournal implements TaskJournal {

  /**
   * How long the embedded journal holds a record nobody waits for, so that a task's records are
   * stored together.
   */
  public static final Duration EMBEDDED_LINGER = Duration.ofMillis(1000);

  /**
   * The longest task id the journal stores, in UTF-16 characters (U+0000 and U+0001 count twice, as
   * PostgreSQL stores them escaped); the same on every engine.
   */
  public static final int MAX_TASK_ID_LENGTH = 512;

  /** The longest record key the journal stores, counted as {@link #MAX_TASK_ID_LENGTH} is. */
  public static final int MAX_KEY_LENGTH = 1024;

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");

  private final String table;
  private final boolean postgres;
  private final JournalWriter writer;
  private final JournalWriter.Connector connector;
  private final Object reading = new Object();
  private Connection reader;
  private boolean readerClosed;
  private final GroupCommitter committer;

  private JdbcTaskJournal(
      String table,
      boolean postgres,
      JournalWriter writer,
      JournalWriter.Connector connector,
      Connection reader,
      Duration linger) {
    this.table = table;
    this.postgres = postgres;
    this.writer = writer;
    this.connector = connector;
    this.reader = reader;
    this.committer = new GroupCommitter("agentkeel-journal-" + table, writer, linger);
  }

  /**
   * Opens (creating if needed) the embedded journal in {@code dataDirectory/journal}, its rows
   * naming this process as {@link #defaultInstance()}.
   *
   * @param dataDirectory the agent's data directory
   * @return the journal, its table created
   * @throws IllegalStateException if the file cannot be opened (another process has it open, say)
   */
  public static JdbcTaskJournal embedded(Path dataDirectory) {
    return embedded(dataDirectory, defaultInstance());
  }

  /**
   * Opens (creating if needed) the embedded journal in {@code dataDirectory/journal}.
   *
   * @param dataDirectory the agent's data directory
   * @param instance the name of this instance, stored with each row; not blank, at most 255
   *     characters
   * @return the journal, its table created
   * @throws IllegalArgumentException if the instance name is blank or too long
   * @throws IllegalStateException if the file cannot be opened (another process has it open, say)
   */
  public static JdbcTaskJournal embedded(Path dataDirectory, String instance) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Path file = dataDirectory.toAbsolutePath().resolve("journal").resolve("agentkeel");
    return open(
        "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", "agentkeel_", instance);
  }

  /**
   * Opens a journal by JDBC URL, its rows naming this process as {@link #defaultInstance()}.
   *
   * @param jdbcUrl the URL: {@code jdbc:h2:...} or {@code jdbc:postgresql://...}
   * @param user the user
   * @param password the password; empty for none
   * @param tablePrefix the prefix of the journal's table, lower case, such as {@code agentkeel_}
   * @return the journal, its table created
   * @throws IllegalArgumentException if the URL names another engine or the prefix is malformed
   * @throws IllegalStateException if the database cannot be reached
   */
  public static JdbcTaskJournal open(
      String jdbcUrl, String user, String password, String tablePrefix) {
    return open(jdbcUrl, user, password, tablePrefix, defaultInstance());
  }

  /**
   * Opens a journal by JDBC URL: {@code jdbc:h2:...} or {@code jdbc:postgresql://...}. Instances
   * sharing a PostgreSQL table should have distinct names, so that {@link #inFlight()} tells whose
   * a task is.
   *
   * @param jdbcUrl the URL
   * @param user the user
   * @param password the password; empty for none
   * @param tablePrefix the prefix of the journal's table, lower case, such as {@code agentkeel_}
   * @param instance the name of this instance, stored with each row; not blank, at most 255
   *     characters
   * @return the journal, its table created
   * @throws IllegalArgumentException if the URL names another engine, the prefix is malformed or
   *     the instance name is blank or too long
   * @throws IllegalStateException if the database cannot be reached; neither error shows a password
   *     the URL holds
   */
  public static JdbcTaskJournal open(
      String jdbcUrl, String user, String password, String tablePrefix, String instance) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    Objects.requireNonNull(instance, "instance");
    boolean postgres;
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      postgres = false;
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      postgres = true;
    } else {
      throw new IllegalArgumentException(
          "task journal URL '"
              + ConnectionUrls.withoutPassword(jdbcUrl)
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
    if (instance.isBlank() || instance.length() > 255) {
      throw new IllegalArgumentException(
          "task journal instance name '"
              + instance
              + "' must be 1 to 255 characters and not blank, such as 'host-1:4711'");
    }
    // Rows hold several records only where this process is the table's one writer.
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    boolean together =
        !postgres
            && (lower.startsWith("jdbc:h2:file:") || lower.startsWith("jdbc:h2:mem:"))
            && !lower.contains("auto_server=true");
    String table = tablePrefix + "task_journal";
    JournalWriter.Connector connector = () -> ConnectionUrls.connect(jdbcUrl, user, password);
    Connection writer = null;
    Connection reader = null;
    try {
      writer = connector.open();
      reader = connector.open();
      JournalSchema.create(writer, table, postgres);
      writer.setAutoCommit(false);
      return new JdbcTaskJournal(
          table,
          postgres,
          new JournalWriter(
              writer, connector, table, postgres, together, instance, Clock.systemUTC()),
          connector,
          reader,
          together ? EMBEDDED_LINGER : Duration.ZERO);
    } catch (SQLException e) {
      // The open failed already; that failure is the one to report.
      if (writer != null) {
        closeQuietly(writer);
      }
      if (reader != null) {
        closeQuietly(reader);
      }
      throw new IllegalStateException(
          "cannot open the task journal ("
              + e.getMessage()
              + "); check the URL, that the database runs, and that no other process holds an"
              + " embedded journal file",
          e);
    }
  }

  /**
   * The instance name used when none is given: the host name and the process id, such as {@code
   * host-1:4711}.
   *
   * @return the name
   */
  public static String defaultInstance() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the task id is longer than {@link #MAX_TASK_ID_LENGTH} or
   *     the key longer than {@link #MAX_KEY_LENGTH}, which the table cannot hold
   */
  @Override
  public void append(JournalEntry entry) {
    committer.append(storable(entry));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the task id is longer than {@link #MAX_TASK_ID_LENGTH} or
   *     the key longer than {@link #MAX_KEY_LENGTH}, which the table cannot hold
   */
  @Override
  public void appendForced(JournalEntry entry) {
    committer.appendForced(storable(entry));
  }

  /**
   * Refuses a record the table cannot hold before it is queued: the writer would fail to store it
   * later, where the caller of {@link #append} never learns why.
   */
  private static JournalEntry storable(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    int idLength = PostgresText.store(entry.taskId()).length();
    if (idLength > MAX_TASK_ID_LENGTH) {
      throw new IllegalArgumentException(
          "the task journal cannot store task '"
              + abbreviated(entry.taskId())
              + "': its id is "
              + idLength
              + " characters long and the journal keeps ids of at most "
              + MAX_TASK_ID_LENGTH
              + "; give the task a shorter id (a UUID is 36 characters)");
    }
    int keyLength = PostgresText.store(entry.key()).length();
    if (keyLength > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "the task journal cannot store record "
              + entry.sequence()
              + " of task '"
              + abbreviated(entry.taskId())
              + "': its key is "
              + keyLength
              + " characters long and the journal keeps keys of at most "
              + MAX_KEY_LENGTH
              + "; core's keys hold the task id, so a shorter task id makes a shorter key");
    }
    return entry;
  }

  /** The start of a long id, enough to recognise it in a message. */
  private static String abbreviated(String id) {
    return id.length() <= 40 ? id : id.substring(0, 40) + "...";
  }

  @Override
  public List<JournalEntry> read(String taskId) {
    return read(
        "cannot read the journal of a task",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT seq, last_seq, kind, entry_key, payload FROM "
                      + table
                      + " WHERE task_id = ? ORDER BY seq")) {
            select.setString(1, stored(taskId));
            List<JournalEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                entries.addAll(
                    RecordRows.records(
                        taskId,
                        rows.getLong(1),
                        rows.getLong(2),
                        rows.getString(3),
                        loaded(rows.getString(4)),
                        loaded(rows.getString(5))));
              }
            }
            return entries;
          }
        });
  }

  /**
   * Rows {@code j}: each task's last record, where it is not an end; oldest write first. Shared by
   * {@link #unfinished} and {@link #inFlight}, which must agree on what is unfinished.
   */
  private String lastRecordsNotEnded() {
    return " j WHERE j.seq = (SELECT MAX(l.seq) FROM "
        + table
        + " l WHERE l.task_id = j.task_id) AND j.kind <> 'ENDED'"
        + " ORDER BY j.written_at, j.task_id";
  }

  @Override
  public List<String> unfinished() {
    return read(
        "cannot list the unfinished tasks of the journal",
        connection -> {
          try (Statement select = connection.createStatement();
              ResultSet rows =
                  select.executeQuery("SELECT j.task_id FROM " + table + lastRecordsNotEnded())) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
              ids.add(loaded(rows.getString(1)));
            }
            return ids;
          }
        });
  }

  /**
   * The tasks in flight across every instance sharing this journal: those whose last record is not
   * {@link JournalEntry.Kind#ENDED} (running, waiting for a person, or left by a process that
   * died), each with the instance that wrote its last record and when. Records still queued in this
   * instance are stored first; another instance's are seen once it stored them.
   *
   * @return the tasks, oldest last write first
   * @throws IllegalStateException if the database cannot be read, or a task's last row holds a kind
   *     this version does not know
   */
  public List<TaskInFlight> inFlight() {
    return read(
        "cannot list the tasks in flight in the journal",
        connection -> {
          try (Statement select = connection.createStatement();
              ResultSet rows =
                  select.executeQuery(
                      "SELECT j.task_id, j.kind, (SELECT SUM(c.last_seq - c.seq + 1) FROM "
                          + table
                          + " c WHERE c.task_id = j.task_id), j.written_at, j.instance, j.seq,"
                          + " j.last_seq FROM "
                          + table
                          + lastRecordsNotEnded())) {
            List<TaskInFlight> tasks = new ArrayList<>();
            while (rows.next()) {
              tasks.add(
                  new TaskInFlight(
                      loaded(rows.getString(1)),
                      RecordRows.kind(rows.getString(2), rows.getLong(6), rows.getLong(7)),
                      rows.getInt(3),
                      rows.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                      rows.getString(5)));
            }
            return tasks;
          }
        });
  }

  /** A query on the reading connection. */
  private interface Query<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs a query after storing what this instance queued. If the server dropped the connection (a
   * restart, a failover, a proxy's idle timeout), the query runs once more on a new one.
   */
  private <T> T read(String failure, Query<T> query) {
    committer.flush();
    synchronized (reading) {
      if (readerClosed) {
        throw new IllegalStateException("the task journal is closed");
      }
      try {
        try {
          return query.run(reader);
        } catch (SQLException first) {
          if (!JournalWriter.broken(reader)) {
            throw first;
          }
          closeQuietly(reader);
          reader = connector.open();
          return query.run(reader);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(failure + " (" + e.getSQLState() + ")", e);
      }
    }
  }

  @Override
  public void flush() {
    committer.flush();
  }

  /**
   * Writes what is queued and closes the connections. A call that comes after it, or races it and
   * loses, fails with an {@link IllegalStateException}; one that races it and wins completes.
   * Closing twice has no further effect.
   */
  @Override
  public void close() {
    committer.close();
    synchronized (reading) {
      readerClosed = true;
      closeQuietly(reader);
    }
    writer.close();
  }

  /** A text as this journal's engine stores it: PostgreSQL's text cannot hold U+0000. */
  private String stored(String text) {
    return postgres ? PostgresText.store(text) : text;
  }

  /** A text this journal's engine stored. */
  private String loaded(String text) {
    return postgres ? PostgresText.load(text) : text;
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing: nothing is left to protect.
    }
  }
}
