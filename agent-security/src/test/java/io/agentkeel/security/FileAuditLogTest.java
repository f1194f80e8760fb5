package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.security.AuditVerification.Kind;
import io.agentkeel.tools.spi.SideEffect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-when 6: every kind of tampering is detected, at the first entry it affects. */
class FileAuditLogTest {
  @TempDir Path dir;

  private final PiiRedactor redactor =
      new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER);

  private Path write(int n) {
    Path file = dir.resolve("audit.log");
    try (FileAuditLog log =
        new FileAuditLog(file, FsyncPolicy.INTENTS, redactor, AuditFailurePolicy.defaults())) {
      log.append(AuditEvents.started("t1", "alice", 0));
      for (int i = 1; i < n; i++) {
        log.append(AuditEvents.called("t1", "search", i));
      }
    }
    return file;
  }

  private static List<String> lines(Path f) throws IOException {
    return new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
  }

  private static void rewrite(Path f, List<String> lines) throws IOException {
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void anUntouchedLogVerifiesAndRedactsPayloads() {
    Path file = dir.resolve("audit.log");
    try (FileAuditLog log =
        new FileAuditLog(file, FsyncPolicy.INTENTS, redactor, AuditFailurePolicy.defaults())) {
      log.append(AuditEvents.started("t1", "alice", 0));
      log.append(
          AuditEvents.intended(
              "t1", "refund", SideEffect.DESTRUCTIVE, "{\"email\":\"jane@corp.example\"}"));
      assertThat(log.verify().intact()).isTrue();
      assertThat(log.verify().entries()).isEqualTo(2);
      AuditEntry intent = log.entries().get(1);
      assertThat(intent.payload()).contains("<EMAIL_1>").doesNotContain("jane@corp.example");
      assertThat(intent.principal()).isEqualTo("alice");
      assertThat(intent.tool()).isEqualTo("refund");
    }
    // reopened, the chain continues
    try (FileAuditLog log =
        new FileAuditLog(file, FsyncPolicy.INTENTS, redactor, AuditFailurePolicy.defaults())) {
      log.append(AuditEvents.called("t1", "search", 3));
      assertThat(log.verify().intact()).isTrue();
      assertThat(log.entries()).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void anAlteredEntryIsReported() throws IOException {
    Path f = write(5);
    List<String> l = lines(f);
    l.set(2, l.get(2).replace("search", "delete"));
    rewrite(f, l);
    AuditVerification v = FileAuditLog.verify(f);
    assertThat(v.problem())
        .hasValueSatisfying(p -> {
          assertThat(p.kind()).isEqualTo(Kind.ALTERED);
          assertThat(p.seq()).isEqualTo(3);
        });
    assertThat(v.entries()).isEqualTo(2);
  }

  @Test
  void entriesAppendedAfterAMalformedLineFollowTheLastEntryNotRepeatIt() throws IOException {
    Path f = write(5);
    List<String> l = lines(f);
    l.set(2, "not an entry");
    rewrite(f, l);

    try (FileAuditLog log =
        new FileAuditLog(f, FsyncPolicy.INTENTS, redactor, AuditFailurePolicy.defaults())) {
      log.append(AuditEvents.called("t1", "search", 9));
    }

    // Before: the writer went on after entry 2, the last before the malformed line, so the new
    // entry was a second entry 3 after entries 4 and 5.
    List<String> after = lines(f);
    assertThat(after).hasSize(6);
    assertThat(after.get(5)).startsWith("6\t");
    assertThat(FileAuditLog.verify(f).problem())
        .hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(Kind.ALTERED));
  }

  @Test
  void anAlteredEntryWithARecomputedHashIsReportedByTheNextLink() throws IOException {
    Path f = write(5);
    List<String> l = lines(f);
    String[] p = l.get(1).split("\t", -1);
    // rewrite entry 2 consistently with its own hash: only the chain (entry 3's prev) exposes it
    AuditEntry forged =
        AuditEntry.create(
            2,
            java.time.Instant.parse(p[1]),
            "t1",
            "alice",
            "ToolCalled",
            "delete",
            "called",
            "forged",
            p[7]);
    l.set(1, forgedLine(forged));
    rewrite(f, l);
    assertThat(FileAuditLog.verify(f).problem())
        .hasValueSatisfying(pr -> {
          assertThat(pr.kind()).isEqualTo(Kind.ALTERED);
          assertThat(pr.seq()).isEqualTo(2);
        });
  }

  private static String forgedLine(AuditEntry e) {
    return e.seq()
        + "\t"
        + e.at()
        + "\t"
        + e.taskId()
        + "\t"
        + e.principal()
        + "\t"
        + e.type()
        + "\t"
        + e.tool()
        + "\t"
        + e.action()
        + "\t"
        + e.prevHash()
        + "\t"
        + e.hash()
        + "\t"
        + e.payload();
  }

  @Test
  void aDeletedEntryIsReported() throws IOException {
    Path f = write(5);
    List<String> l = lines(f);
    l.remove(2);
    rewrite(f, l);
    assertThat(FileAuditLog.verify(f).problem())
        .hasValueSatisfying(p -> {
          assertThat(p.kind()).isEqualTo(Kind.DELETED);
          assertThat(p.seq()).isEqualTo(3);
        });
  }

  @Test
  void reorderedEntriesAreReported() throws IOException {
    Path f = write(5);
    List<String> l = lines(f);
    String two = l.get(1);
    l.set(1, l.get(3));
    l.set(3, two);
    rewrite(f, l);
    assertThat(FileAuditLog.verify(f).problem())
        .hasValueSatisfying(p -> {
          assertThat(p.kind()).isEqualTo(Kind.REORDERED);
          assertThat(p.seq()).isEqualTo(2);
        });
  }

  @Test
  void entriesCutOffTheEndAreReported() throws IOException {
    Path f = write(5);
    List<String> l = lines(f);
    rewrite(f, l.subList(0, 3));
    assertThat(FileAuditLog.verify(f).problem())
        .hasValueSatisfying(p -> {
          assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
          assertThat(p.seq()).isEqualTo(4);
        });
  }

  @Test
  void aPartlyWrittenLastEntryIsReportedAndCutOffOnReopen() throws IOException {
    Path f = write(4);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length - 20));
    AuditVerification v = FileAuditLog.verify(f);
    assertThat(v.problem())
        .hasValueSatisfying(p -> {
          assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
          assertThat(p.seq()).isEqualTo(4);
          assertThat(p.detail()).contains("partly written");
        });
    try (FileAuditLog log =
        new FileAuditLog(f, FsyncPolicy.INTENTS, redactor, AuditFailurePolicy.defaults())) {
      log.append(AuditEvents.called("t1", "search", 9));
      assertThat(log.entries()).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L);
      assertThat(log.verify().intact()).isTrue();
    }
  }

  @Test
  void whenTheLogCannotBeWrittenDestructiveToolsAreRefusedAndOthersAreLetGo() throws IOException {
    Path file = dir.resolve("audit.log");
    FileAuditLog log =
        new FileAuditLog(file, FsyncPolicy.INTENTS, redactor, AuditFailurePolicy.defaults());
    log.close(); // the channel is closed: every write now fails
    AgentEvent destructive = AuditEvents.intended("t1", "drop_table", SideEffect.DESTRUCTIVE, "{}");
    assertThatThrownBy(() -> log.append(destructive))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("ToolIntended")
        .hasMessageContaining("'t1'");
    log.append(AuditEvents.intended("t1", "update", SideEffect.WRITE, "{}"));
    log.append(AuditEvents.called("t1", "search", 1));
    assertThat(log.lost()).isEqualTo(2);

    FileAuditLog strict =
        new FileAuditLog(
            dir.resolve("strict.log"),
            FsyncPolicy.INTENTS,
            redactor,
            AuditFailurePolicy.refuseAll());
    strict.close();
    assertThatThrownBy(() -> strict.append(AuditEvents.called("t1", "search", 1)))
        .isInstanceOf(AuditUnavailableException.class);
  }

  /**
   * verify() read the entries, then the anchor, while appends went on: an entry appended and
   * anchored in between (or half written, for a large entry) made an intact log verify as
   * truncated.
   */
  @Test
  void verifyingWhileAppendingNeverReportsAProblem() throws Exception {
    Path file = dir.resolve("busy.log");
    try (FileAuditLog log =
        new FileAuditLog(file, FsyncPolicy.EVERY_ENTRY, redactor, AuditFailurePolicy.defaults())) {
      log.append(AuditEvents.started("t1", "alice", 0));
      for (int i = 1; i < 2_000; i++) {
        log.append(AuditEvents.called("t1", "search", i));
      }
      String large = "{\"q\":\"" + "x".repeat(300_000) + "\"}";
      Thread appender =
          new Thread(() -> {
            for (int i = 0; i < 200; i++) {
              log.append(
                  i % 10 == 0
                      ? AuditEvents.intended("t1", "write", SideEffect.WRITE, large)
                      : AuditEvents.called("t1", "search", i));
            }
          });
      appender.start();
      List<AuditVerification> problems = new ArrayList<>();
      int verified = 0;
      while (appender.isAlive() || verified == 0) {
        AuditVerification v = log.verify();
        verified++;
        if (!v.intact()) {
          problems.add(v);
        }
      }
      appender.join();
      assertThat(problems).as("problems in %d verifications", verified).isEmpty();
      assertThat(log.verify().intact()).isTrue();
      assertThat(log.entries()).hasSize(2_200);
    }
  }
}
