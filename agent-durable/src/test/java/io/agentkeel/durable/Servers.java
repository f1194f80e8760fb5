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
}
