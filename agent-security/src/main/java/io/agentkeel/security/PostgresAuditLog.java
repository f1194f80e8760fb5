package io.agentkeel.security;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.ConnectionUrls;
import io.agentkeel.api.RunContext;
import io.agentkeel.security.internal.AuditChecker;
import io.agentkeel.security.internal.AuditRecorder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The audit log in PostgreSQL, for deployments on several machines: entries in one table in
 * insertion order ({@code id}), chained by SHA-256 like the file log, and an anchor row holding the
 * last position and hash. Each append is one transaction that locks the anchor row, so several
 * instances append to one chain; a committed append is durable, so intents are forced before {@link
 * #append} returns.
 *
 * <p>Thread-safe.
 */
public final class PostgresAuditLog implements AuditLog {
  private final String url;
  private final String user;
  private final String password;
  private final String table;
  private final AuditRecorder recorder;
  private Connection connection;
  private boolean closed;

  /**
   * Opens the log, creating its tables if needed.
   *
   * @param url the JDBC URL, such as {@code jdbc:postgresql://127.0.0.1:5432/test}
   * @param user the user
   * @param password the password; may be empty
   * @param table the table name (letters, digits, '_'); the anchor is {@code <table>_head}
   * @param redactor redacts every payload
   * @param failurePolicy what to do when an entry cannot be stored
   * @throws IllegalArgumentException if the table name is not a plain identifier
   * @throws IllegalStateException if the database cannot be reached at start-up
   */
  public PostgresAuditLog(
      String url,
      String user,
      String password,
      String table,
      PiiRedactor redactor,
      AuditFailurePolicy failurePolicy) {
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,50}")) {
      throw new IllegalArgumentException(
          "audit table name '" + table + "' must be letters, digits and '_' (at most 51)");
    }
    this.url = Objects.requireNonNull(url, "url");
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.table = table;
    this.recorder = new AuditRecorder(redactor, failurePolicy);
    try (Statement s = connection().createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (id BIGSERIAL PRIMARY KEY, seq BIGINT NOT NULL,"
              + " at TIMESTAMPTZ NOT NULL, task_id TEXT NOT NULL, principal TEXT NOT NULL,"
              + " type TEXT NOT NULL, tool TEXT NOT NULL, action TEXT NOT NULL,"
              + " payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + "_head (id INT PRIMARY KEY, seq BIGINT NOT NULL,"
              + " hash TEXT NOT NULL)");
      s.execute(
          "INSERT INTO "
              + table
              + "_head VALUES (1, 0, '"
              + AuditEntry.GENESIS
              + "') ON CONFLICT (id) DO NOTHING");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open the audit log table '"
              + table
              + "' at "
              + ConnectionUrls.withoutPassword(url)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private synchronized Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = ConnectionUrls.connect(url, user, password);
      connection.setAutoCommit(true);
    }
    return connection;
  }

  @Override
  public void append(AgentEvent event) {
    store(event, storable(recorder.fields(event)));
  }

  /** Stores the event under its run's principal, also in a run that did not begin here. */
  @Override
  public void append(AgentEvent event, RunContext context) {
    store(event, storable(recorder.fields(event, context.principal().id())));
  }

  private void store(AgentEvent event, AuditRecorder.Fields f) {
    try {
      synchronized (this) {
        if (closed) {
          throw new SQLException("the audit log table '" + table + "' was closed");
        }
        Connection c = connection();
        c.setAutoCommit(false);
        try {
          long seq;
          String prev;
          try (Statement s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT seq, hash FROM " + table + "_head WHERE id = 1 FOR UPDATE")) {
            r.next();
            seq = r.getLong(1) + 1;
            prev = r.getString(2);
          }
          AuditEntry e = AuditRecorder.entry(f, event.at(), seq, prev);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + table
                      + " (seq, at, task_id, principal, type, tool, action,"
                      + " payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, e.seq());
            ps.setTimestamp(2, Timestamp.from(e.at()));
            ps.setString(3, e.taskId());
            ps.setString(4, e.principal());
            ps.setString(5, e.type());
            ps.setString(6, e.tool());
            ps.setString(7, e.action());
            ps.setString(8, e.payload());
            ps.setString(9, e.prevHash());
            ps.setString(10, e.hash());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE " + table + "_head SET seq = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, e.seq());
            ps.setString(2, e.hash());
            ps.executeUpdate();
          }
          c.commit();
        } catch (SQLException | RuntimeException ex) {
          try {
            c.rollback();
          } catch (SQLException ignored) {
            // the connection is gone; the next append reconnects
          }
          throw ex;
        } finally {
          try {
            c.setAutoCommit(true);
          } catch (SQLException ignored) {
            // as above
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      // the next append reconnects; a connection that still works must not be left open
      dropConnection();
      recorder.failed(event, e instanceof Exception ex ? ex : new IllegalStateException(e));
    }
  }

  /**
   * PostgreSQL's text type cannot hold U+0000, so an event whose text holds one (a tool argument, a
   * model's answer) would fail every time and be let go or refused by the failure policy, as if the
   * database were down. It is stored as U+FFFD instead, before the hash is computed.
   */
  private static AuditRecorder.Fields storable(AuditRecorder.Fields f) {
    return new AuditRecorder.Fields(
        withoutNul(f.taskId()),
        withoutNul(f.principal()),
        withoutNul(f.type()),
        withoutNul(f.tool()),
        withoutNul(f.action()),
        withoutNul(f.payload()));
  }

  private static String withoutNul(String s) {
    return s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
  }

  @Override
  public synchronized AuditVerification verify() {
    try {
      long anchorSeq;
      String anchorHash;
      synchronized (this) {
        try (Statement s = connection().createStatement();
            ResultSet r = s.executeQuery("SELECT seq, hash FROM " + table + "_head WHERE id = 1")) {
          r.next();
          anchorSeq = r.getLong(1);
          anchorHash = r.getString(2);
        }
      }
      return AuditChecker.check(entries(), false, anchorSeq, anchorHash);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log table '" + table + "'", e);
    } finally {
      closedAfterReading();
    }
  }

  @Override
  public synchronized List<AuditEntry> entries() {
    List<AuditEntry> out = new ArrayList<>();
    try (Statement s = connection().createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT seq, at, task_id, principal, type, tool, action, payload, prev_hash, hash"
                    + " FROM "
                    + table
                    + " ORDER BY id")) {
      while (r.next()) {
        out.add(
            new AuditEntry(
                r.getLong(1),
                r.getTimestamp(2).toInstant(),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                r.getString(10)));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log table '" + table + "'", e);
    } finally {
      closedAfterReading();
    }
  }

  /** A closed log can still be read, on a connection it closes again. */
  private synchronized void closedAfterReading() {
    if (closed) {
      dropConnection();
    }
  }

  @Override
  public long lost() {
    return recorder.lost();
  }

  /**
   * Closes the log: an event appended later is not stored (the failure policy says what then), and
   * reading it opens a connection for the read alone.
   */
  @Override
  public synchronized void close() {
    closed = true;
    dropConnection();
  }

  private synchronized void dropConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing
      }
      connection = null;
    }
  }
}
