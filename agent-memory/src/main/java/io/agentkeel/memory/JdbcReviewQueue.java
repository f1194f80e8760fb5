package io.agentkeel.memory;

import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.memory.internal.Jdbc;
import io.agentkeel.memory.internal.ReviewRequestJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A persistent {@link ReviewQueue} on a {@link MemoryDatabase}: a request waits in a table until a
 * person decides, survives a restart, and can be resumed by any instance sharing the database. A
 * claim reads the request and deletes its row in one transaction and wins only if its DELETE
 * removed the row, so of two claims of one request, in one process or in two, exactly one gets it
 * (on PostgreSQL the second DELETE waits for the first to commit, then finds nothing). Thread-safe.
 */
public final class JdbcReviewQueue implements ReviewQueue {

  private final MemoryDatabase database;
  private final String table;

  /**
   * Creates the queue.
   *
   * @param database the database, schema created
   */
  public JdbcReviewQueue(MemoryDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
    this.table = database.table("review_queue");
  }

  @Override
  public void submit(ReviewRequest request) {
    Objects.requireNonNull(request, "request");
    try (Connection connection = database.connection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + table
                    + " (id, task_id, owner_tenant, owner_principal, priority, created_at, request)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, request.id());
      insert.setString(2, request.task().id());
      insert.setString(3, request.task().principal().tenant());
      insert.setString(4, request.task().principal().id());
      insert.setInt(5, request.priority().ordinal());
      insert.setTimestamp(6, Timestamp.from(request.createdAt()));
      insert.setString(7, ReviewRequestJson.write(request));
      insert.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new IllegalArgumentException(
            "review request '" + request.id() + "' is already waiting; ids must be unique", e);
      }
      throw Jdbc.failure("submit review request '" + request.id() + "'", e);
    }
  }

  @Override
  public Optional<ReviewRequest> find(String id) {
    Objects.requireNonNull(id, "id");
    try (Connection connection = database.connection()) {
      return read(connection, id);
    } catch (SQLException e) {
      throw Jdbc.failure("find review request '" + id + "'", e);
    }
  }

  private Optional<ReviewRequest> read(Connection connection, String id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT request FROM " + table + " WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next()
            ? Optional.of(ReviewRequestJson.read(rows.getString(1)))
            : Optional.empty();
      }
    }
  }

  @Override
  public Optional<ReviewRequest> claim(String id) {
    Objects.requireNonNull(id, "id");
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      Optional<ReviewRequest> request = read(connection, id);
      if (request.isEmpty()) {
        connection.rollback();
        return Optional.empty();
      }
      int deleted;
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
        delete.setString(1, id);
        deleted = delete.executeUpdate();
      }
      if (deleted != 1) {
        connection.rollback();
        return Optional.empty();
      }
      connection.commit();
      return request;
    } catch (SQLException e) {
      throw Jdbc.failure("claim review request '" + id + "'", e);
    }
  }

  @Override
  public List<ReviewRequest> pending() {
    try (Connection connection = database.connection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT request FROM " + table + " ORDER BY priority DESC, created_at, id")) {
      List<ReviewRequest> requests = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          requests.add(ReviewRequestJson.read(rows.getString(1)));
        }
      }
      return List.copyOf(requests);
    } catch (SQLException e) {
      throw Jdbc.failure("list waiting review requests", e);
    }
  }

  /**
   * Removes every waiting request of an owner's tasks (the right to be forgotten).
   *
   * @param owner the owner
   * @return how many requests were removed
   */
  public int forget(MemoryOwner owner) {
    Objects.requireNonNull(owner, "owner");
    return Jdbc.update(
        database,
        "forget the review requests of an owner",
        "DELETE FROM " + table + " WHERE owner_tenant = ? AND owner_principal = ?",
        owner.tenant(),
        owner.principal());
  }
}
