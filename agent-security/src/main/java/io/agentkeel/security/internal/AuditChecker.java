package io.agentkeel.security.internal;

import io.agentkeel.security.AuditEntry;
import io.agentkeel.security.AuditVerification;
import io.agentkeel.security.AuditVerification.Kind;
import io.agentkeel.security.AuditVerification.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Walks a log's entries in stored order and reports the first problem. */
public final class AuditChecker {
  private AuditChecker() {}

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
    Set<Long> present = new HashSet<>();
    for (AuditEntry e : entries) {
      present.add(e.seq());
    }
    long expected = 1;
    String prev = AuditEntry.GENESIS;
    long ok = 0;
    for (AuditEntry e : entries) {
      if (e.seq() != expected) {
        if (e.seq() > expected && !present.contains(expected)) {
          return fail(
              ok,
              Kind.DELETED,
              expected,
              "entries "
                  + expected
                  + ".."
                  + (e.seq() - 1)
                  + " are missing before entry "
                  + e.seq());
        }
        return fail(
            ok,
            Kind.REORDERED,
            expected,
            "entry " + e.seq() + " is stored where entry " + expected + " belongs");
      }
      if (!e.prevHash().equals(prev)) {
        return fail(
            ok,
            Kind.ALTERED,
            e.seq() - 1,
            "entry "
                + e.seq()
                + " does not chain to entry "
                + (e.seq() - 1)
                + ": the earlier one was changed or replaced");
      }
      if (!e.expectedHash().equals(e.hash())) {
        return fail(ok, Kind.ALTERED, e.seq(), "entry " + e.seq() + " does not match its hash");
      }
      prev = e.hash();
      expected++;
      ok++;
    }
    if (partialTail) {
      return fail(
          ok,
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
          ok,
          Kind.TRUNCATED,
          ok + 1,
          "the log ends at entry " + ok + " but the writer had stored entry " + anchorSeq);
    }
    if (anchorSeq > 0
        && anchorSeq <= ok
        && !entries.get((int) anchorSeq - 1).hash().equals(anchorHash)) {
      return fail(
          ok,
          Kind.ALTERED,
          anchorSeq,
          "entry " + anchorSeq + " differs from the hash the writer anchored");
    }
    return new AuditVerification(ok, Optional.empty());
  }

  private static AuditVerification fail(long ok, Kind kind, long seq, String detail) {
    return new AuditVerification(ok, Optional.of(new Problem(kind, seq, detail)));
  }
}
