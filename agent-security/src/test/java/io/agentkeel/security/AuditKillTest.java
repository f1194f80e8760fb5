package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 6: a writing JVM killed with SIGKILL mid-write loses at most the entry being written,
 * and verify says so (or finds the log intact when the kill fell between two entries).
 */
class AuditKillTest {
  @TempDir Path dir;

  @RepeatedTest(5)
  void aKilledWriterLosesAtMostTheEntryBeingWritten() throws Exception {
    Path file = dir.resolve("killed.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                AuditWriterMain.class.getName(),
                file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long lastAck = 0;
    boolean killScheduled = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      // read every ack up to EOF: an ack printed before the kill is still in the pipe after it
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          lastAck = Long.parseLong(line.substring(4));
          if (lastAck >= 3 && !killScheduled) {
            killScheduled = true;
            long delay = 100 + (System.nanoTime() / 1000) % 500;
            Thread.ofVirtual()
                .start(() -> {
                  try {
                    Thread.sleep(delay);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  // SIGKILL: no shutdown hooks, no flush. Sent through the handle, because
                  // Process.destroyForcibly also closes our end of the pipe while the reader
                  // may be in readLine ("Stream closed"), losing acks still in the pipe.
                  p.toHandle().destroyForcibly();
                });
          }
        }
      }
    }
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

    AuditVerification v = FileAuditLog.verify(file);
    // every acknowledged entry survived; at most one more exists, whole or in part
    assertThat(v.entries()).isBetween(lastAck, lastAck + 1);
    if (v.problem().isPresent()) {
      AuditVerification.Problem problem = v.problem().get();
      assertThat(problem.kind()).isEqualTo(AuditVerification.Kind.TRUNCATED);
      assertThat(problem.seq()).isEqualTo(v.entries() + 1);
      assertThat(problem.detail()).contains("partly written");
    }
    System.out.println(
        "killed after ack "
            + lastAck
            + ": "
            + v.entries()
            + " intact, "
            + v.problem().map(AuditVerification.Problem::detail).orElse("no partial entry"));
  }
}
