package io.agentkeel.memory;

import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.VersionConflictException;
import io.agentkeel.api.memory.VersionedValue;
import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.memory.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The working tier on a {@link MemoryDatabase}: one row per task and key with its version, written
 * with optimistic concurrency. A write that expects version {@code n} succeeds only if the stored
 * version is still {@code n} (one conditional UPDATE, atomic in the database), so two workers, in
 * one process or many, never silently overwrite each other; the loser gets a {@link
 * VersionConflictException} naming the task, the key and both versions. Thread-safe.
 */
public final class JdbcWorkingMemory implements WorkingMemory {

  private static final String DUPLICATE_KEY = "23505";

  private final MemoryDatabase database;
  private final Clock clock;
  private final String table;

  /**
   * Creates the tier.
   *
   * @param database the database, schema created
   * @param clock the time source of {@code updated_at}
   */
  public JdbcWorkingMemory(MemoryDatabase database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.table = database.table("working_memory");
  }

  @Override
  public Optional<VersionedValue> get(String taskId, String key) {
    requireId("taskId", taskId);
    requireId("key", key);
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT item_value, version FROM "
                    + table
                    + " WHERE task_id = ? AND item_key = ?")) {
      select.setString(1, taskId);
      select.setString(2, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next()
            ? Optional.of(new VersionedValue(rows.getString(1), rows.getLong(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw Jdbc.failure("read working memory of task '" + taskId + "'", e);
    }
  }

  @Override
  public long put(
      MemoryOwner owner, String taskId, String key, String value, long expectedVersion) {
    Objects.requireNonNull(owner, "owner");
    requireId("taskId", taskId);
    requireId("key", key);
    Objects.requireNonNull(value, "value");
    if (expectedVersion < ANY_VERSION) {
      throw new IllegalArgumentException(
          "expectedVersion must be a version read before, 0 (unset) or ANY_VERSION (-1), got "
              + expectedVersion);
    }
    try (Connection connection = database.connection()) {
      if (expectedVersion == ANY_VERSION) {
        return putAnyVersion(connection, owner, taskId, key, value);
      }
      if (expectedVersion == 0) {
        if (insert(connection, owner, taskId, key, value)) {
          return 1;
        }
        throw new VersionConflictException(taskId, key, 0, storedVersion(connection, taskId, key));
      }
      if (updateAt(connection, owner, taskId, key, value, expectedVersion)) {
        return expectedVersion + 1;
      }
      throw new VersionConflictException(
          taskId, key, expectedVersion, storedVersion(connection, taskId, key));
    } catch (SQLException e) {
      throw Jdbc.failure("write working memory of task '" + taskId + "', key '" + key + "'", e);
    }
  }

  private long putAnyVersion(
      Connection connection, MemoryOwner owner, String taskId, String key, String value)
      throws SQLException {
    while (true) {
      long stored = storedVersion(connection, taskId, key);
      if (stored == 0) {
        if (insert(connection, owner, taskId, key, value)) {
          return 1;
        }
        continue;
      }
      if (updateAt(connection, owner, taskId, key, value, stored)) {
        return stored + 1;
      }
    }
  }

  /** Writes the value as version {@code version + 1} if the stored version is {@code version}. */
  private boolean updateAt(
      Connection connection,
      MemoryOwner owner,
      String taskId,
      String key,
      String value,
      long version)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE "
                + table
                + " SET item_value = ?, version = ?, owner_tenant = ?, owner_principal = ?,"
                + " updated_at = ? WHERE task_id = ? AND item_key = ? AND version = ?")) {
      update.setString(1, value);
      update.setLong(2, version + 1);
      update.setString(3, owner.tenant());
      update.setString(4, owner.principal());
      update.setTimestamp(5, Timestamp.from(clock.instant()));
      update.setString(6, taskId);
      update.setString(7, key);
      update.setLong(8, version);
      return update.executeUpdate() == 1;
    }
  }

  private boolean insert(
      Connection connection, MemoryOwner owner, String taskId, String key, String value)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + table
                + " (task_id, item_key, owner_tenant, owner_principal, item_value, version,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)")) {
      insert.setString(1, taskId);
      insert.setString(2, key);
      insert.setString(3, owner.tenant());
      insert.setString(4, owner.principal());
      insert.setString(5, value);
      insert.setTimestamp(6, Timestamp.from(clock.instant()));
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (DUPLICATE_KEY.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private long storedVersion(Connection connection, String taskId, String key) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT version FROM " + table + " WHERE task_id = ? AND item_key = ?")) {
      select.setString(1, taskId);
      select.setString(2, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  @Override
  public Map<String, VersionedValue> snapshot(String taskId) {
    requireId("taskId", taskId);
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT item_key, item_value, version FROM "
                    + table
                    + " WHERE task_id = ? ORDER BY item_key")) {
      select.setString(1, taskId);
      Map<String, VersionedValue> values = new LinkedHashMap<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values.put(rows.getString(1), new VersionedValue(rows.getString(2), rows.getLong(3)));
        }
      }
      return java.util.Collections.unmodifiableMap(values);
    } catch (SQLException e) {
      throw Jdbc.failure("read working memory of task '" + taskId + "'", e);
    }
  }

  @Override
  public void clear(String taskId) {
    requireId("taskId", taskId);
    Jdbc.update(
        database,
        "clear working memory of task '" + taskId + "'",
        "DELETE FROM " + table + " WHERE task_id = ?",
        taskId);
  }

  @Override
  public int forget(MemoryOwner owner) {
    Objects.requireNonNull(owner, "owner");
    return Jdbc.update(
        database,
        "forget the working memory of an owner",
        "DELETE FROM " + table + " WHERE owner_tenant = ? AND owner_principal = ?",
        owner.tenant(),
        owner.principal());
  }

  private static void requireId(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("working memory " + name + " must not be blank");
    }
  }
}
