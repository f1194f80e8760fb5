package io.agentkeel.durable.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The journal's table: one row per record, or per run of consecutive records of one task ({@code
 * seq} to {@code last_seq}), each with its write time (UTC) and the instance that wrote it. A table
 * made before rows could hold several records gains the new columns when opened.
 */
public final class JournalSchema {
  private JournalSchema() {}

  /**
   * Creates the table if it is missing, and adds the columns an older table lacks.
   *
   * @param connection a connection in auto-commit
   * @param table the table
   * @param postgres whether it is PostgreSQL
   * @throws SQLException if the table cannot be made
   */
  public static void create(Connection connection, String table, boolean postgres)
      throws SQLException {
    if (!postgres) {
      createOrAlter(connection, table, false);
      return;
    }
    // Instances of a deployment start together: PostgreSQL's CREATE TABLE IF NOT EXISTS is not
    // safe against a concurrent one (it fails on the catalogue's unique index), so the instances
    // take turns, each holding a session lock named after the table.
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
      lock.setString(1, LOCK_NAME + table);
      lock.executeQuery().close();
    }
    try {
      createOrAlter(connection, table, true);
    } finally {
      try (PreparedStatement unlock =
          connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
        unlock.setString(1, LOCK_NAME + table);
        unlock.executeQuery().close();
      }
    }
  }

  /** The name of the lock that serialises the instances creating one table. */
  private static final String LOCK_NAME = "agentkeel task journal schema ";

  private static void createOrAlter(Connection connection, String table, boolean postgres)
      throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (task_id VARCHAR(512) NOT NULL, seq BIGINT NOT NULL, last_seq BIGINT NOT NULL,"
              + " kind VARCHAR(16) NOT NULL, entry_key VARCHAR(1024) NOT NULL, payload "
              + (postgres ? "TEXT" : "CHARACTER VARYING")
              + " NOT NULL, written_at TIMESTAMP NOT NULL,"
              + " instance VARCHAR(255) DEFAULT '' NOT NULL,"
              + " PRIMARY KEY (task_id, seq))");
      if (!hasColumn(connection, table, "last_seq")) {
        ddl.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS last_seq BIGINT");
        ddl.execute("UPDATE " + table + " SET last_seq = seq WHERE last_seq IS NULL");
        ddl.execute(
            "ALTER TABLE "
                + table
                + " ADD COLUMN IF NOT EXISTS instance VARCHAR(255) DEFAULT '' NOT NULL");
      }
    }
  }

  private static boolean hasColumn(Connection connection, String table, String column)
      throws SQLException {
    try (Statement probe = connection.createStatement()) {
      probe.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException missing) {
      return false;
    }
  }
}
