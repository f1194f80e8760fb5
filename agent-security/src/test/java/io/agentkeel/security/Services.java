package io.agentkeel.security;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Skips a test whose server is absent (fails instead under CI=true). */
final class Services {
  private Services() {}

  static void require(String name, String host, int port) {
    boolean up;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      up = true;
    } catch (IOException e) {
      up = false;
    }
    if (!up && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(name + " is not reachable on " + host + ":" + port + " but CI=true");
    }
    assumeTrue(up, "skipped: " + name + " is not reachable on " + host + ":" + port);
  }
}
