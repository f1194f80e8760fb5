package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded stores keep their data across a restart: one JVM writes the working tier, the review
 * queue and the long-term index under a data directory and exits; a new JVM, started from this test
 * with the test class path, opens them again and finds everything, including a last use that only a
 * recall had set, and claims the waiting review.
 */
class RestartTest {

  @TempDir Path dataDir;

  private static String run(String mode, Path dir) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    RestartProbe.class.getName(),
                    mode,
                    dir.toString()))
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe JVM finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void embeddedStoresKeepTheirDataInANewJvm() throws Exception {
    assertThat(run("write", dataDir)).contains("WROTE");
    assertThat(run("read", dataDir)).contains("OK");
  }
}
