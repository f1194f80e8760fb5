package io.agentkeel.memory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Drops a test run's tables from the shared PostgreSQL server. */
final class PostgresTables {

  private PostgresTables() {}

  static void drop(MemoryDatabase database) {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      for (String table : new String[] {"working_memory", "review_queue", "schema_version"}) {
        statement.execute("DROP TABLE IF EXISTS " + database.table(table));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop the test tables", e);
    }
  }
}
