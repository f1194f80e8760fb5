package io.agentkeel.memory;

import io.agentkeel.testkit.LocalServers;

/**
 * The shared servers adapter tests use: each test skips with a one-line reason when its server is
 * absent, unless {@code CI=true}, where an absent server fails the test.
 */
final class Servers {

  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String POSTGRES_USER = "postgres";
  static final String REDIS_URI = "redis://127.0.0.1:6379";

  private Servers() {}

  static void requirePostgres() {
    require("PostgreSQL", 5432);
  }

  static void requireRedis() {
    require("Redis", 6379);
  }

  private static void require(String name, int port) {
    LocalServers.require(name, port);
  }

  /** A table or key prefix unique to this test run, so tests sharing a server never collide. */
  static String uniquePrefix() {
    return LocalServers.uniquePrefix("akt");
  }
}
