package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose audit log has grown far past its heap still starts: opening and verifying the log
 * take memory for one entry, not for the file. Run in a JVM of its own with a small heap.
 */
class FileAuditLogSizeTest {
  private static final int HEAP_MB = 48;
  private static final int ENTRIES = 3_200; // about 200 MB

  @TempDir Path dir;

  @Test
  void aLogSeveralTimesTheHeapOpensAndVerifies() throws Exception {
    Path file = dir.resolve("big.log");
    writeChainedLog(file, ENTRIES);
    assertThat(Files.size(file)).isGreaterThan(4L * HEAP_MB * 1024 * 1024);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx" + HEAP_MB + "m",
                "-cp",
                System.getProperty("java.class.path"),
                AuditOpenMain.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // the partly written last line was cut off and one entry appended after the last whole one
    assertThat(out).contains("verified " + (ENTRIES + 1) + " " + (ENTRIES + 1));
    assertThat(p.exitValue()).as(out).isZero();
  }

  /**
   * A well-formed chain of entries of about 64 KB each (longer than one read of the file), ending
   * in a partly written entry. The payload, the last field, has nothing to escape, so each line is
   * the entry formatted without it followed by its bytes: a quick way to make a big log.
   */
  private static void writeChainedLog(Path file, int entries) throws IOException {
    String payload = "lorem ipsum dolor sit amet ".repeat(2400);
    byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
    String prev = AuditEntry.GENESIS;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int seq = 1; seq <= entries; seq++) {
        AuditEntry e =
            AuditEntry.create(
                seq,
                AuditEvents.T0,
                "t1",
                "alice",
                "ToolCalled",
                "search",
                "called",
                payload,
                prev);
        AuditEntry withoutPayload =
            new AuditEntry(
                seq, e.at(), "t1", "alice", "ToolCalled", "search", "called", "", prev, e.hash());
        String head = FileAuditLog.format(withoutPayload);
        out.write(head.substring(0, head.length() - 1).getBytes(StandardCharsets.UTF_8));
        out.write(payloadBytes);
        out.write('\n');
        prev = e.hash();
      }
      out.write(
          (entries + 1 + "\t" + AuditEvents.T0 + "\tt1\talice").getBytes(StandardCharsets.UTF_8));
    }
  }
}
