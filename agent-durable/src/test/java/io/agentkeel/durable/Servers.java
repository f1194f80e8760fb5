package io.agentkeel.durable;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

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
    boolean up;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      up = true;
    } catch (java.io.IOException e) {
      up = false;
    }
    if (!up && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(name + " is not reachable on 127.0.0.1:" + port + " and CI=true");
    }
    assumeTrue(up, name + " is not reachable on 127.0.0.1:" + port + "; skipping");
  }

  /** A table or key prefix unique to this test run, so tests sharing a server never collide. */
  static String uniquePrefix() {
    return "akdurable" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
  }
}
