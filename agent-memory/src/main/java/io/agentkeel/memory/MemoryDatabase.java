package io.agentkeel.memory;

import io.agentkeel.api.ConnectionUrls;
import io.agentkeel.memory.internal.ConnectionPool;
import io.agentkeel.memory.internal.SchemaInstaller;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The database behind the working tier and the review queue: an embedded H2 file under a data
 * directory (the default, nothing to install, kept across restarts) or PostgreSQL (shared by every
 * instance). One JDBC implementation serves both; the schema is created on first use with a
 * version, and its DDL is published under {@code io/agentkeel/memory/schema/} in this jar.
 *
 * <p>H2 rather than SQLite for the embedded default: it is pure Java (no native library to load or
 * allow), takes concurrent writers in one process with row locks, and speaks SQL close enough to
 * PostgreSQL that both engines share the same statements. An embedded file is opened by one process
 * at a time; for several instances use PostgreSQL. Thread-safe; close it to release the file or the
 * connections.
 */
public final class MemoryDatabase implements AutoCloseable {

  /** The schema version this module creates and reads. */
  public static final int SCHEMA_VERSION = 1;

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");

  /** The SQL engine behind a {@link MemoryDatabase}. */
  public enum Engine {
    /** Embedded H2, in a file. */
    H2,
    /** PostgreSQL. */
    POSTGRESQL
  }

  private final Engine engine;
  private final String tablePrefix;
  private final ConnectionPool pool;

  private MemoryDatabase(Engine engine, String tablePrefix, ConnectionPool pool) {
    this.engine = engine;
    this.tablePrefix = tablePrefix;
    this.pool = pool;
  }

  /**
   * Opens (creating if needed) the embedded database in {@code dataDirectory/working}.
   *
   * @param dataDirectory the memory module's data directory
   * @return the database, its schema created
   * @throws IllegalStateException if the file cannot be opened (for example, another process has it
   *     open)
   */
  public static MemoryDatabase embedded(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Path file = dataDirectory.toAbsolutePath().resolve("working").resolve("agentkeel");
    return open("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", "agentkeel_");
  }

  /**
   * Opens the database that {@code memory.working.*} settings name: the one at their JDBC URL, or
   * the embedded one in {@code dataDirectory/working} when the URL is empty. The memory extension
   * opens its working tier and review queue this way; a tool that must share them (a command line
   * deciding reviews) opens the same database with the same settings.
   *
   * @param settings the {@code memory.working} settings
   * @param dataDirectory the memory module's data directory, for the embedded database
   * @return the database, its schema created
   * @throws IllegalArgumentException if a setting is malformed; the message names its key
   * @throws IllegalStateException if the database cannot be reached or opened
   */
  public static MemoryDatabase open(MemorySettings.Working settings, Path dataDirectory) {
    Objects.requireNonNull(settings, "settings");
    if (settings.jdbcUrl().isBlank()) {
      return embedded(dataDirectory);
    }
    try {
      return open(settings.jdbcUrl(), settings.user(), settings.password(), settings.tablePrefix());
    } catch (IllegalArgumentException e) {
      String key =
          e.getMessage() != null && e.getMessage().startsWith("memory table prefix")
              ? "memory.working.table-prefix"
              : "memory.working.jdbc-url";
      throw new IllegalArgumentException("setting '" + key + "': " + e.getMessage(), e);
    }
  }

  /**
   * Opens a database by JDBC URL: {@code jdbc:h2:...} or {@code jdbc:postgresql://...}.
   *
   * @param jdbcUrl the URL
   * @param user the user
   * @param password the password; empty for none
   * @param tablePrefix the prefix of every table, lower case, such as {@code agentkeel_}
   * @return the database, its schema created
   * @throws IllegalArgumentException if the URL names another engine or the prefix is malformed
   * @throws IllegalStateException if the database cannot be reached or its schema is newer than
   *     this module
   */
  public static MemoryDatabase open(
      String jdbcUrl, String user, String password, String tablePrefix) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    Engine engine;
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      engine = Engine.H2;
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      engine = Engine.POSTGRESQL;
    } else {
      throw new IllegalArgumentException(
          "memory database URL '"
              + ConnectionUrls.withoutPassword(jdbcUrl)
              + "' names no supported engine: use jdbc:h2:... (embedded) or"
              + " jdbc:postgresql://host:port/database");
    }
    if (!PREFIX.matcher(tablePrefix).matches()) {
      throw new IllegalArgumentException(
          "memory table prefix '"
              + tablePrefix
              + "' must be lower-case letters, digits and underscores, starting with a letter,"
              + " at most 31 characters, such as 'agentkeel_'");
    }
    ConnectionPool pool = new ConnectionPool(jdbcUrl, user, password, engine == Engine.H2);
    MemoryDatabase database = new MemoryDatabase(engine, tablePrefix, pool);
    try {
      SchemaInstaller.install(database, SCHEMA_VERSION);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return database;
  }

  /**
   * The engine.
   *
   * @return the engine
   */
  public Engine engine() {
    return engine;
  }

  /**
   * The prefix of every table.
   *
   * @return the prefix
   */
  public String tablePrefix() {
    return tablePrefix;
  }

  /**
   * A table's full name.
   *
   * @param name the table's name without prefix, such as {@code working_memory}
   * @return the prefixed name
   */
  public String table(String name) {
    return tablePrefix + name;
  }

  /**
   * Borrows a connection; closing it gives it back. For this module's stores.
   *
   * @return a connection in auto-commit mode
   * @throws SQLException if none can be opened
   */
  public Connection connection() throws SQLException {
    return pool.borrow();
  }

  /** Closes every connection; an embedded database releases its file. */
  @Override
  public void close() {
    pool.close();
  }
}
