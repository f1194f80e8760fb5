package io.agentkeel.security.internal;

import io.agentkeel.security.AuditEntry;
import io.agentkeel.security.AuditVerification;
import io.agentkeel.security.AuditVerification.Kind;
import io.agentkeel.security.AuditVerification.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Walks a log's entries in stored order, one at a time, and reports the first problem. It holds a
 * few fields whatever the length of the log, so a log too big for memory is checked by feeding it
 * every complete entry with {@link #accept} and then asking for the {@link #result}. Not
 * thread-safe.
 */
public final class AuditChecker {
  private final long anchorSeq;
  private final String anchorHash;
  private long expected = 1;
  private String prev = AuditEntry.GENESIS;
  private long ok;
  private String anchoredEntryHash;
  private AuditVerification problem;
  // The first entry out of place, if it came after a gap: whether the gap is a deletion or the
  // missing entry was moved further down is known only once every later entry has been seen.
  private long outOfPlace;
  private boolean missingSeenLater;

  /**
   * Makes a checker for one walk over a log.
   *
   * @param anchorSeq the position of the last entry the writer anchored, or 0
   * @param anchorHash its hash, or empty
   */
  public AuditChecker(long anchorSeq, String anchorHash) {
    this.anchorSeq = anchorSeq;
    this.anchorHash = anchorHash;
  }

  /**
   * Verifies entries against the chain and an anchor.
   *
   * @param entries the complete entries in stored order
   * @param partialTail whether a partly written entry follows the last complete one
   * @param anchorSeq the position of the last entry the writer anchored, or 0
   * @param anchorHash its hash, or empty
   * @return the verification
   */
  public static AuditVerification check(
      List<AuditEntry> entries, boolean partialTail, long anchorSeq, String anchorHash) {
    AuditChecker checker = new AuditChecker(anchorSeq, anchorHash);
    for (AuditEntry e : entries) {
      checker.accept(e);
    }
    return checker.result(partialTail);
  }

  /**
   * Takes the next complete entry in stored order.
   *
   * @param e the entry
   */
  public void accept(AuditEntry e) {
    if (outOfPlace > 0) {
      missingSeenLater |= e.seq() == expected;
      return;
    }
    if (problem != null) {
      return;
    }
    if (e.seq() != expected) {
      if (e.seq() > expected) {
        outOfPlace = e.seq(); // deleted, unless entry `expected` turns up further down
      } else {
        problem =
            fail(
                Kind.REORDERED,
                expected,
                "entry " + e.seq() + " is stored where entry " + expected + " belongs");
      }
      return;
    }
    if (!e.prevHash().equals(prev)) {
      problem =
          fail(
              Kind.ALTERED,
              e.seq() - 1,
              "entry "
                  + e.seq()
                  + " does not chain to entry "
                  + (e.seq() - 1)
                  + ": the earlier one was changed or replaced");
      return;
    }
    if (!e.expectedHash().equals(e.hash())) {
      problem = fail(Kind.ALTERED, e.seq(), "entry " + e.seq() + " does not match its hash");
      return;
    }
    if (e.seq() == anchorSeq) {
      anchoredEntryHash = e.hash();
    }
    prev = e.hash();
    expected++;
    ok++;
  }

  /**
   * The verification of the entries taken so far.
   *
   * @param partialTail whether a partly written entry follows the last complete one
   * @return the verification
   */
  public AuditVerification result(boolean partialTail) {
    if (outOfPlace > 0) {
      return missingSeenLater
          ? fail(
              Kind.REORDERED,
              expected,
              "entry " + outOfPlace + " is stored where entry " + expected + " belongs")
          : fail(
              Kind.DELETED,
              expected,
              "entries "
                  + expected
                  + ".."
                  + (outOfPlace - 1)
                  + " are missing before entry "
                  + outOfPlace);
    }
    if (problem != null) {
      return problem;
    }
    if (partialTail) {
      return fail(
          Kind.TRUNCATED,
          expected,
          "entry "
              + expected
              + " was only partly written (the writer stopped mid-write); "
              + ok
              + " entries before it are intact");
    }
    if (anchorSeq > ok) {
      return fail(
          Kind.TRUNCATED,
          ok + 1,
          "the log ends at entry " + ok + " but the writer had stored entry " + anchorSeq);
    }
    if (anchorSeq > 0 && !anchoredEntryHash.equals(anchorHash)) {
      return fail(
          Kind.ALTERED,
          anchorSeq,
          "entry " + anchorSeq + " differs from the hash the writer anchored");
    }
    return new AuditVerification(ok, Optional.empty());
  }

  private AuditVerification fail(Kind kind, long seq, String detail) {
    return new AuditVerification(ok, Optional.of(new Problem(kind, seq, detail)));
  }
}
