package io.agentkeel.durable;

import io.agentkeel.testkit.LocalServers;

/**
 * The shared servers adapter tests use: each test skips with a one-line reason when its server is
 * absent, unless {@code CI=true}, where an absent server fails the test.
 */
final class Servers {

  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String POSTGRES_USER = "postgres";

  private Servers() {}

  static void requirePostgres() {
    require("PostgreSQL", 5432);
  }

  private static void require(String name, int port) {
    LocalServers.require(name, port);
  }

  /**
   * Opens a journal on the test PostgreSQL as one instance.
   *
   * @param prefix the table prefix, such as {@link #uniquePrefix()}
   * @param instance the instance's name
   * @return the journal
   */
  static JdbcTaskJournal postgresJournal(String prefix, String instance) {
    return JdbcTaskJournal.open(POSTGRES_URL, POSTGRES_USER, "", prefix, instance);
  }

  /** A table or key prefix unique to this test run, so tests sharing a server never collide. */
  static String uniquePrefix() {
    return LocalServers.uniquePrefix("akdurable");
  }

  /**
   * The connections open on the server under an application name. Outside auto-commit the read's
   * transaction ends with it, since the server's activity view stays as it was within one.
   */
  static int connections(java.sql.Connection admin, String applicationName)
      throws java.sql.SQLException {
    try (java.sql.PreparedStatement count =
        admin.prepareStatement(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?")) {
      count.setString(1, applicationName);
      try (java.sql.ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } finally {
      if (!admin.getAutoCommit()) {
        admin.commit();
      }
    }
  }
}
