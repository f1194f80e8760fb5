package io.agentkeel.reliability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of this test's own, on a free port, that the test kills (SIGKILL, like a crash)
 * and starts again mid-run, without persistence, so a restart loses every key. Other engineers'
 * Redis on 6379 is never touched. Skips when {@code redis-server} is not installed, fails instead
 * under {@code CI=true}.
 */
final class OwnRedis implements AutoCloseable {
  private final int port;
  private final Path dir;
  private Process process;

  private OwnRedis(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static OwnRedis start() throws IOException, InterruptedException {
    boolean installed = onPath("redis-server");
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("redis-server is not installed but CI=true");
    }
    assumeTrue(installed, "skipped: redis-server is not installed");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    OwnRedis redis = new OwnRedis(port, Files.createTempDirectory("rel-redis"));
    redis.startAgain();
    return redis;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills the server as a crash would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts the server again on the same port, empty. */
  void startAgain() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    for (int i = 0; i < 100 && !accepts(); i++) {
      Thread.sleep(50);
    }
    if (!accepts()) {
      throw new IllegalStateException("redis-server did not start on port " + port);
    }
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String binary) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, binary))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws InterruptedException, IOException {
    kill();
    Files.deleteIfExists(dir.resolve("redis.log"));
    Files.deleteIfExists(dir);
  }
}
