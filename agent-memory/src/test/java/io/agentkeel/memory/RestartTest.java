package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded stores keep their data across a restart: one JVM writes the working tier, the review
 * queue and the long-term index under a data directory and exits; a new JVM, started from this test
 * with the test class path, opens them again and finds everything, including a last use that only a
 * recall had set, and claims the waiting review. A second test has an agent suspend a task for a
 * person's approval and an agent in a new JVM resume it (see {@link ResumeProbe}).
 */
class RestartTest {

  @TempDir Path dataDir;

  private static String run(String mode, Path dir) throws IOException, InterruptedException {
    return run(RestartProbe.class.getName(), List.of(mode, dir.toString()));
  }

  private static String run(String mainClass, List<String> arguments)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      // Guice, in the agent of ResumeProbe, touches sun.misc.Unsafe
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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

  /**
   * A task waiting in the embedded review queue for a person's approval of a destructive call is
   * resumed by an agent in a new JVM: that agent claims the review from the same data directory,
   * the destructive tool runs exactly once (never in the first JVM, once in the second), the task
   * completes, and a second decision on the same review finds nothing waiting.
   */
  @Test
  void aReviewWaitingInTheEmbeddedQueueIsResumedByAnAgentInANewJvm() throws Exception {
    String suspended = run(ResumeProbe.class.getName(), List.of("suspend", dataDir.toString()));
    Matcher review = Pattern.compile("REVIEW (\\S+)").matcher(suspended);
    assertThat(review.find()).as(suspended).isTrue();
    assertThat(suspended).contains("RUNS 0");

    String resumed =
        run(ResumeProbe.class.getName(), List.of("resume", dataDir.toString(), review.group(1)));
    assertThat(resumed)
        .contains("OUTCOME Completed Optional[Your account A-17 is closed.]")
        .contains("OUTCOME Failed")
        .contains("RUNS 1");
  }
}
