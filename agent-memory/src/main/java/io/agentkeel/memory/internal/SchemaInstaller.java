package io.agentkeel.memory.internal;

import io.agentkeel.memory.MemoryDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates the memory schema on first use from the published DDL and records its version; refuses a
 * database whose schema is newer than this module.
 */
public final class SchemaInstaller {

  private static final String COMPONENT = "memory";

  private SchemaInstaller() {}

  /**
   * The DDL statements for an engine, with the table prefix filled in.
   *
   * @param engine the engine
   * @param prefix the table prefix
   * @return the statements, in order
   */
  public static List<String> statements(MemoryDatabase.Engine engine, String prefix) {
    String resource =
        "/io/agentkeel/memory/schema/" + engine.name().toLowerCase(Locale.ROOT) + ".sql";
    String ddl;
    try (InputStream in = SchemaInstaller.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the memory schema " + resource + " is missing from the jar");
      }
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the memory schema " + resource, e);
    }
    List<String> statements = new ArrayList<>();
    for (String part : ddl.split("\n;\n?")) {
      StringBuilder sql = new StringBuilder();
      for (String line : part.split("\n")) {
        if (!line.startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      String statement = sql.toString().strip();
      if (!statement.isEmpty()) {
        statements.add(statement.replace("${prefix}", prefix));
      }
    }
    return statements;
  }

  /**
   * Widens the 255-character columns of an H2 file made by a build before WorkingMemory and
   * ReviewQueue promised longer ids: CREATE TABLE IF NOT EXISTS leaves such a table as it was, so
   * its ids of 256 to 512 characters failed with 'value too long' on the very store that promises
   * them. Only a column still that narrow is altered, so an open costs one query once it was done.
   */
  private static void widenIds(Statement statement, MemoryDatabase database) throws SQLException {
    List<String> widen = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = SCHEMA() AND UPPER(TABLE_NAME) IN ('"
                + database.table("working_memory").toUpperCase(Locale.ROOT)
                + "', '"
                + database.table("review_queue").toUpperCase(Locale.ROOT)
                + "') AND DATA_TYPE = 'CHARACTER VARYING' AND CHARACTER_MAXIMUM_LENGTH = 255")) {
      while (rows.next()) {
        widen.add(
            "ALTER TABLE \""
                + rows.getString(1)
                + "\" ALTER COLUMN \""
                + rows.getString(2)
                + "\" SET DATA TYPE VARCHAR");
      }
    }
    for (String sql : widen) {
      statement.execute(sql);
    }
  }

  /**
   * Creates the schema if needed and checks its version.
   *
   * @param database the database
   * @param version the version this module reads
   * @throws IllegalStateException if the schema cannot be created or is newer
   */
  public static void install(MemoryDatabase database, int version) {
    String versions = database.table("schema_version");
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        if (database.engine() == MemoryDatabase.Engine.POSTGRESQL) {
          // Two instances starting at once must not race on CREATE TABLE.
          statement.execute("SELECT pg_advisory_xact_lock(" + versions.hashCode() + ")");
        }
        for (String sql : statements(database.engine(), database.tablePrefix())) {
          statement.execute(sql);
        }
        if (database.engine() == MemoryDatabase.Engine.H2) {
          widenIds(statement, database);
        }
      }
      Integer found = null;
      try (PreparedStatement select =
          connection.prepareStatement("SELECT version FROM " + versions + " WHERE component = ?")) {
        select.setString(1, COMPONENT);
        try (ResultSet rows = select.executeQuery()) {
          if (rows.next()) {
            found = rows.getInt(1);
          }
        }
      }
      if (found == null) {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + versions
                    + " (component, version, installed_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
          insert.setString(1, COMPONENT);
          insert.setInt(2, version);
          insert.executeUpdate();
        }
      } else if (found > version) {
        connection.rollback();
        throw new IllegalStateException(
            "the memory schema in this database is version "
                + found
                + ", newer than the version "
                + version
                + " this AgentKeel reads; upgrade AgentKeel or use another table prefix");
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the memory schema: "
              + e.getMessage()
              + " (SQL state "
              + e.getSQLState()
              + ")",
          e);
    }
  }
}
