package io.agentkeel.security;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of verifying an audit log: how many entries hold, and the first problem if any.
 *
 * @param entries how many entries were checked and found intact before the first problem
 * @param problem the first problem; empty when the log is intact
 */
public record AuditVerification(long entries, Optional<Problem> problem) {
  /** Checks for nulls. */
  public AuditVerification {
    Objects.requireNonNull(problem, "problem");
  }

  /**
   * Tells whether the log is intact.
   *
   * @return whether no problem was found
   */
  public boolean intact() {
    return problem.isEmpty();
  }

  /** What is wrong with an entry. */
  public enum Kind {
    /** The entry's content no longer matches its hash, or the chain breaks after it. */
    ALTERED,
    /** Entries are missing before this position. */
    DELETED,
    /** The entry is out of place: its position appears elsewhere in the log. */
    REORDERED,
    /** The log ends early: a partly written last entry, or entries cut off the end. */
    TRUNCATED
  }

  /**
   * The first problem found.
   *
   * @param kind what is wrong
   * @param seq the position of the first entry affected
   * @param detail a sentence that says what was found, without the entry's content
   */
  public record Problem(Kind kind, long seq, String detail) {
    /** Checks for nulls. */
    public Problem {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
