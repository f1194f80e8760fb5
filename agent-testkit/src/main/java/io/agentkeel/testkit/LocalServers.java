package io.agentkeel.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

/**
 * For tests of adapters that use a real server on this machine (PostgreSQL, Redis, a broker): a
 * test skips with a one-line reason when its server is absent, as on a newcomer's laptop, and fails
 * when {@code CI=true}, so that a missing service never passes CI silently.
 */
public final class LocalServers {

  private LocalServers() {}

  /**
   * Skips the calling test, or fails it under {@code CI=true}, unless a server accepts connections
   * on {@code 127.0.0.1:port} within half a second.
   *
   * @param name the server's name, for the message (for example {@code "PostgreSQL"})
   * @param port its port on 127.0.0.1
   * @throws AssertionError under {@code CI=true} when the server is not reachable
   */
  public static void require(String name, int port) {
    boolean up;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      up = true;
    } catch (IOException e) {
      up = false;
    }
    if (!up && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(name + " is not reachable on 127.0.0.1:" + port + " and CI=true");
    }
    assumeTrue(up, name + " is not reachable on 127.0.0.1:" + port + "; skipping");
  }

  /**
   * A table or key prefix unique to this run, so that tests sharing a server never collide.
   *
   * @param module a short lowercase name of the module or test, such as {@code "akdurable"}
   * @return the module's name, twelve hex digits and an underscore
   */
  public static String uniquePrefix(String module) {
    return module + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
  }
}
