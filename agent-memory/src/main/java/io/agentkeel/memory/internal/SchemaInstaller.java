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
