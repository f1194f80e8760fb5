package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.security.AuditEntry;
import io.agentkeel.security.AuditFailurePolicy;
import io.agentkeel.security.AuditVerification;
import io.agentkeel.security.FileAuditLog;
import io.agentkeel.security.FsyncPolicy;
import io.agentkeel.security.PiiDetector;
import io.agentkeel.security.PiiRedactor;
import io.agentkeel.security.RedactionStyle;
import io.agentkeel.tools.spi.SideEffect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes agent-security's audit log reader and {@code verify}: a log written by {@link
 * FileAuditLog} with fuzzed event text, then changed by fuzzed edits (bytes flipped, cut, inserted;
 * any anchor file). Reading and verifying never throw anything but the documented {@link
 * UncheckedIOException}; an untouched log verifies; an edited log that still verifies reads back
 * the entries it counted; and a log reopened for writing keeps verifying after one more entry when
 * it verified before.
 */
class AuditLogFuzzTest {

  private static final PiiRedactor REDACTOR =
      new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER);
  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");

  @FuzzTest(maxDuration = "10m")
  void verifyReportsEveryEditAndNeverThrows(FuzzedDataProvider data) throws IOException {
    Path dir = Files.createTempDirectory("rel-audit-fuzz");
    Path file = dir.resolve("audit.log");
    Path head = dir.resolve("audit.log.head");
    try {
      String text = data.consumeString(200);
      String tool = data.consumeString(20);
      try (FileAuditLog log = open(file)) {
        log.append(new AgentEvent.TaskStarted("task-1", T0, "default", text));
        log.append(new AgentEvent.ToolIntended("task-1", T0, tool, "c1", SideEffect.WRITE, text));
        log.append(
            new AgentEvent.ToolCalled(
                "task-1", T0.plusMillis(1), tool, text, Duration.ofMillis(2)));
      }
      assertThat(FileAuditLog.verify(file).intact()).as("the untouched log verifies").isTrue();

      byte[] original = Files.readAllBytes(file);
      byte[] edited = edit(original, data);
      Files.write(file, edited);
      boolean newAnchor = data.consumeBoolean();
      if (newAnchor) {
        Files.write(head, data.consumeBytes(80));
      }

      AuditVerification before = FileAuditLog.verify(file);
      List<AuditEntry> entries;
      try (FileAuditLog log = open(file)) {
        entries = log.entries();
        assertThat(before.entries()).isLessThanOrEqualTo(entries.size());
        if (Arrays.equals(edited, original) && !newAnchor) {
          assertThat(before.intact()).isTrue();
        }
        log.append(
            new AgentEvent.ToolCalled("task-2", T0.plusMillis(5), "lookup", "{}", Duration.ZERO));
      }
      AuditVerification after = FileAuditLog.verify(file);
      if (before.intact()) {
        assertThat(after.intact()).as("one more entry on a log that verified: %s", after).isTrue();
        assertThat(after.entries()).isEqualTo(before.entries() + 1);
      }
    } finally {
      Files.deleteIfExists(head);
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static FileAuditLog open(Path file) {
    return new FileAuditLog(file, FsyncPolicy.INTENTS, REDACTOR, AuditFailurePolicy.defaults());
  }

  /** Flips, cuts or inserts bytes as the fuzzer says, up to four edits. */
  private static byte[] edit(byte[] original, FuzzedDataProvider data) {
    byte[] b = original;
    int edits = data.consumeInt(0, 4);
    for (int i = 0; i < edits && b.length > 0; i++) {
      int at = data.consumeInt(0, b.length - 1);
      switch (data.consumeInt(0, 2)) {
        case 0 -> {
          b = b.clone();
          b[at] = data.consumeByte();
        }
        case 1 -> {
          int end = data.consumeInt(at, b.length);
          byte[] cut = new byte[b.length - (end - at)];
          System.arraycopy(b, 0, cut, 0, at);
          System.arraycopy(b, end, cut, at, b.length - end);
          b = cut;
        }
        default -> {
          byte[] add = data.consumeBytes(16);
          byte[] grown = new byte[b.length + add.length];
          System.arraycopy(b, 0, grown, 0, at);
          System.arraycopy(add, 0, grown, at, add.length);
          System.arraycopy(b, at, grown, at + add.length, b.length - at);
          b = grown;
        }
      }
    }
    return b;
  }
}
