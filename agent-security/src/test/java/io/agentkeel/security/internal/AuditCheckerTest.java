package io.agentkeel.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.security.AuditEntry;
import io.agentkeel.security.AuditVerification;
import io.agentkeel.security.AuditVerification.Kind;
import io.agentkeel.security.AuditVerification.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The first entry out of place after a gap is a deletion only if the missing entry appears nowhere
 * further down: a checker fed one entry at a time decides it at the end, as one that saw the whole
 * list decided it at the start.
 */
class AuditCheckerTest {
  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

  @Test
  void aMissingEntryFoundFurtherDownWasMovedNotDeleted() {
    List<AuditEntry> log = chain(6);
    List<AuditEntry> moved = List.of(log.get(0), log.get(3), log.get(4), log.get(1), log.get(5));

    assertThat(check(moved, 0, ""))
        .isEqualTo(problem(1, Kind.REORDERED, 2, "entry 4 is stored where entry 2 belongs"));
  }

  @Test
  void aMissingEntryFoundNowhereWasDeleted() {
    List<AuditEntry> log = chain(6);
    List<AuditEntry> cut = List.of(log.get(0), log.get(1), log.get(4), log.get(3), log.get(5));

    assertThat(check(cut, 0, ""))
        .isEqualTo(problem(2, Kind.DELETED, 3, "entries 3..4 are missing before entry 5"));
  }

  @Test
  void anEntryStoredAgainLaterIsReorderedAtOnce() {
    List<AuditEntry> log = chain(4);
    List<AuditEntry> repeated = List.of(log.get(0), log.get(1), log.get(0), log.get(3));

    assertThat(check(repeated, 0, ""))
        .isEqualTo(problem(2, Kind.REORDERED, 3, "entry 1 is stored where entry 3 belongs"));
  }

  @Test
  void theAnchoredEntryIsComparedWithTheAnchorAsItGoesBy() {
    List<AuditEntry> log = chain(5);

    assertThat(check(log, 3, log.get(2).hash()))
        .isEqualTo(new AuditVerification(5, Optional.empty()));
    assertThat(check(log, 3, log.get(1).hash()))
        .isEqualTo(
            problem(5, Kind.ALTERED, 3, "entry 3 differs from the hash the writer anchored"));
  }

  /** Checks a log both ways, as a list and one entry at a time, and expects the same answer. */
  private static AuditVerification check(List<AuditEntry> entries, long anchorSeq, String hash) {
    AuditVerification listed = AuditChecker.check(entries, false, anchorSeq, hash);
    AuditChecker streaming = new AuditChecker(anchorSeq, hash);
    entries.forEach(streaming::accept);
    assertThat(streaming.result(false)).isEqualTo(listed);
    return listed;
  }

  private static AuditVerification problem(long ok, Kind kind, long seq, String detail) {
    return new AuditVerification(ok, Optional.of(new Problem(kind, seq, detail)));
  }

  private static List<AuditEntry> chain(int n) {
    List<AuditEntry> entries = new ArrayList<>();
    String prev = AuditEntry.GENESIS;
    for (int seq = 1; seq <= n; seq++) {
      AuditEntry e =
          AuditEntry.create(seq, T0, "t1", "alice", "ToolCalled", "", "", "p" + seq, prev);
      entries.add(e);
      prev = e.hash();
    }
    return entries;
  }
}
