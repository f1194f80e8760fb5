package io.agentkeel.durable.internal;

import io.agentkeel.api.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores batches of journal records on one connection; used by the group committer's writer thread
 * only. Each batch is stamped with one write time (UTC) and the instance's name.
 *
 * <p>When rows may hold several records ({@code together}), a record is refused if any stored row
 * of its task covers its sequence; the primary key alone catches that only for rows that start at
 * it, so rows starting after a task's first record are checked first. That check is exact only
 * while this writer is the table's only one, which is why rows hold several records only in an
 * embedded database that one process opens.
 */
public final class JournalWriter implements BatchWriter, AutoCloseable {

  /** Opens a connection to the journal's database. */
  public interface Connector {
    /**
     * Opens a connection.
     *
     * @return it, in auto-commit
     * @throws SQLException if the database cannot be reached
     */
    Connection open() throws SQLException;
  }

  private final Connector connector;

  /** Replaced by the writer thread only, under this writer's lock, which close takes. */
  private Connection connection;

  /**
   * Set by {@link #close}, under this writer's lock: a connection that fails after it was closed (a
   * writer that outlived close's wait) is not replaced.
   */
  private boolean closed;

  private final boolean postgres;
  private final boolean together;
  private final String instance;
  private final Clock clock;
  private final String insert;
  private final String overlap;
  private final String covering;

  /**
   * Whether the last batch failed at or after its commit, which may then have stored it (the reply
   * lost with the connection, or the write-through failing): its records, written one by one next,
   * may find themselves stored. A batch that reached its commit held no duplicate (the inserts
   * refuse one), so a stored record equal to one of them, of this instance, is its own.
   */
  private boolean mayBeStored;

  /**
   * The highest sequence this writer stored, per task it stored a row of that did not end it: a
   * later row of such a task needs no query (this writer is the table's only one). Cleared when it
   * reaches {@link #MAX_KNOWN} tasks; a task it does not know is queried.
   */
  private final Map<String, Long> stored = new HashMap<>();

  private static final int MAX_KNOWN = 1 << 17;

  /**
   * Creates the writer.
   *
   * @param connection the connection, not in auto-commit
   * @param connector what opens a new connection when the server dropped this one
   * @param table the journal's table
   * @param postgres whether it is PostgreSQL
   * @param together whether a row may hold several records of a task
   * @param instance the name stored with each row
   * @param clock the source of the write time
   */
  public JournalWriter(
      Connection connection,
      Connector connector,
      String table,
      boolean postgres,
      boolean together,
      String instance,
      Clock clock) {
    this.connection = connection;
    this.connector = connector;
    this.postgres = postgres;
    this.together = together;
    this.instance = instance;
    this.clock = clock;
    this.insert =
        "INSERT INTO "
            + table
            + " (task_id, seq, last_seq, kind, entry_key, payload, written_at, instance)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    this.overlap =
        "SELECT 1 FROM " + table + " WHERE task_id = ? AND seq <= ? AND last_seq >= ? LIMIT 1";
    this.covering =
        "SELECT seq, last_seq, kind, entry_key, payload, instance FROM "
            + table
            + " WHERE task_id = ? AND seq <= ? AND last_seq >= ?";
  }

  @Override
  public void writeAll(List<JournalEntry> entries, boolean forced) throws SQLException {
    mayBeStored = false;
    try {
      if (postgres && !forced) {
        try (Statement relaxed = connection.createStatement()) {
          relaxed.execute("SET LOCAL synchronous_commit TO OFF");
        }
      }
      List<RecordRows.Row> rows = RecordRows.rows(entries, together);
      if (together) {
        refuseOverlaps(rows);
      }
      LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        for (RecordRows.Row row : rows) {
          bind(statement, row, now);
          statement.addBatch();
        }
        statement.executeBatch();
      }
      mayBeStored = true;
      connection.commit();
      if (forced) {
        writeThrough();
      }
      if (together) {
        remember(rows);
      }
    } catch (SQLException e) {
      rollback();
      if (together) {
        // The commit may have stored the batch though it failed (its reply lost with the
        // connection): what this writer knows of these tasks is no longer certain.
        entries.forEach(entry -> stored.remove(entry.taskId()));
      }
      throw e;
    }
  }

  /**
   * Rolls back a failed transaction; if the server dropped the connection (a restart, a failover, a
   * proxy's idle timeout), opens a new one, so that the records of this batch, written one by one
   * next, and every later one are not lost with it. After {@link #close} none is opened: the
   * connection failed because close closed it, and a new one would stay open for good.
   */
  private void rollback() {
    try {
      connection.rollback();
      return;
    } catch (SQLException rollbackFailed) {
      if (!broken(connection)) {
        return;
      }
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Gone already.
    }
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    Connection fresh = null;
    try {
      fresh = connector.open();
      fresh.setAutoCommit(false);
      synchronized (this) {
        if (!closed) {
          connection = fresh;
          return;
        }
      }
      fresh.close();
    } catch (SQLException unreachable) {
      // Still down: the next write tries again. A connection half set up is not kept.
      if (fresh != null) {
        try {
          fresh.close();
        } catch (SQLException ignored) {
          // Closing: nothing is left to protect.
        }
      }
    }
  }

  /**
   * Whether a connection can no longer be used.
   *
   * @param connection the connection
   * @return whether it is closed or does not answer
   */
  public static boolean broken(Connection connection) {
    try {
      return connection.isClosed() || !connection.isValid(5);
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * Closes the current connection; a writer still writing (one that outlived the committer's wait)
   * then fails, and opens no new one.
   */
  @Override
  public void close() {
    Connection current;
    synchronized (this) {
      closed = true;
      current = connection;
    }
    try {
      current.close();
    } catch (SQLException e) {
      // Closing: nothing is left to protect.
    }
  }

  private void remember(List<RecordRows.Row> rows) {
    if (stored.size() + rows.size() > MAX_KNOWN) {
      stored.clear();
    }
    for (RecordRows.Row row : rows) {
      if (row.kind() == JournalEntry.Kind.ENDED) {
        stored.remove(row.taskId());
      } else {
        stored.merge(row.taskId(), row.lastSeq(), Math::max);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A record whose own commit failed, which may then have stored it (the reply lost with the
   * connection, or the write-through failing), counts as stored when the row holding its sequence
   * is this very record, written as this instance: its insert found no row there, and this writer
   * is the only one of this instance.
   */
  @Override
  public void writeOne(JournalEntry entry) throws SQLException {
    boolean committing = false;
    try {
      RecordRows.Row row = new RecordRows.Row(List.of(entry));
      if (together) {
        refuseOverlaps(List.of(row));
      }
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        bind(statement, row, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        statement.executeUpdate();
      }
      committing = true;
      connection.commit();
      writeThrough();
      if (together) {
        remember(List.of(row));
      }
    } catch (SQLException e) {
      rollback();
      if ((committing || mayBeStored && isDuplicate(e)) && storedByThisWriter(entry, e)) {
        return;
      }
      throw e;
    }
  }

  /**
   * Whether the row holding a record's task and sequence holds this very record, written as this
   * journal's instance: a batch whose commit reached the database while the connection dropped
   * before its reply is written again one by one, and finds its own records; so does a record whose
   * own commit failed so. Only another record there is a duplicate (another run's). Asked only
   * after such a commit ({@link #mayBeStored}): two runs of a task in this process may append equal
   * records, and one of them must be refused. The stored row is read as {@code read} loads it:
   * PostgreSQL texts unescaped, a row of several records split.
   */
  private boolean storedByThisWriter(JournalEntry entry, SQLException failure) {
    try {
      boolean same = false;
      try (PreparedStatement query = connection.prepareStatement(covering)) {
        query.setString(1, stored(entry.taskId()));
        query.setLong(2, entry.sequence());
        query.setLong(3, entry.sequence());
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next() && !same) {
            if (!instance.equals(rows.getString(6))) {
              continue;
            }
            for (JournalEntry record :
                RecordRows.records(
                    entry.taskId(),
                    rows.getLong(1),
                    rows.getLong(2),
                    rows.getString(3),
                    loaded(rows.getString(4)),
                    loaded(rows.getString(5)))) {
              same |= record.equals(entry);
            }
          }
        }
      }
      connection.commit();
      if (same) {
        writeThrough();
        // The stored row may reach past this record: query the task's next rows.
        stored.remove(entry.taskId());
      }
      return same;
    } catch (SQLException | IllegalStateException e) {
      failure.addSuppressed(e);
      rollback();
      return false;
    }
  }

  /**
   * Makes a commit reach the file before a caller is told it is stored. H2 commits to memory and
   * writes its file up to its write delay later (half a second by default): a process killed in
   * between loses the commit, forced records included. {@code CHECKPOINT} writes it now (to the
   * operating system, without an fsync: a forced record survives the death of the process, not of
   * the machine). PostgreSQL needs nothing: its commit is durable when it returns.
   */
  private void writeThrough() throws SQLException {
    if (postgres) {
      return;
    }
    try (Statement checkpoint = connection.createStatement()) {
      checkpoint.execute("CHECKPOINT");
    }
  }

  @Override
  public boolean isDuplicate(Exception failure) {
    if (failure instanceof SQLException sql) {
      // 23505: unique violation, on both engines (and the overlap found by refuseOverlaps).
      return "23505".equals(sql.getSQLState());
    }
    return false;
  }

  /**
   * Refuses rows that overlap a stored row of their task, or an earlier row of this batch: rows
   * starting at a task's first record need no query, since a row covering sequence 0 starts there
   * and the primary key refuses a second one; nor do rows past the highest sequence this writer
   * stored for their task.
   */
  private void refuseOverlaps(List<RecordRows.Row> rows) throws SQLException {
    Map<String, Long> highest = new HashMap<>();
    PreparedStatement query = null;
    try {
      for (RecordRows.Row row : rows) {
        Long before = highest.put(row.taskId(), row.lastSeq());
        if (before != null && before >= row.seq()) {
          throw duplicate(row);
        }
        if (row.seq() == 0) {
          continue;
        }
        Long known = stored.get(row.taskId());
        if (known != null && known < row.seq()) {
          continue;
        }
        if (query == null) {
          query = connection.prepareStatement(overlap);
        }
        query.setString(1, row.taskId());
        query.setLong(2, row.lastSeq());
        query.setLong(3, row.seq());
        try (ResultSet found = query.executeQuery()) {
          if (found.next()) {
            throw duplicate(row);
          }
        }
      }
    } finally {
      if (query != null) {
        query.close();
      }
    }
  }

  private static SQLException duplicate(RecordRows.Row row) {
    return new SQLException(
        "the journal already holds a record of rows " + row.seq() + ".." + row.lastSeq(), "23505");
  }

  /** A text as the engine stores it (see {@link PostgresText}). */
  private String stored(String text) {
    return postgres ? PostgresText.store(text) : text;
  }

  /** A text the engine stored. */
  private String loaded(String text) {
    return postgres ? PostgresText.load(text) : text;
  }

  private void bind(PreparedStatement statement, RecordRows.Row row, LocalDateTime now)
      throws SQLException {
    statement.setString(1, stored(row.taskId()));
    statement.setLong(2, row.seq());
    statement.setLong(3, row.lastSeq());
    statement.setString(4, row.kind().name());
    statement.setString(5, stored(row.key()));
    statement.setString(6, stored(row.payload()));
    statement.setObject(7, now);
    statement.setString(8, instance);
  }
}
