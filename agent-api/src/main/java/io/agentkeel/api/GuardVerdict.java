package io.agentkeel.api;

import java.util.Objects;

/**
 * An input guard's decision on one untrusted text: let it through (possibly rewritten), let it
 * through flagged, send it to a person, or block it. See {@link InputGuard} for what each does per
 * source.
 */
public sealed interface GuardVerdict {

  /**
   * Let the text through.
   *
   * @param text the text to use from here on, after any sanitisation
   */
  record Allow(String text) implements GuardVerdict {
    /** Checks for null. */
    public Allow {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Let the text through, but record that it looked suspicious.
   *
   * @param text the text to use from here on
   * @param reason what looked suspicious, safe to log
   * @param score how suspicious, in [0, 1]
   */
  record Flag(String text, String reason, double score) implements GuardVerdict {
    /**
     * Validates the verdict.
     *
     * @throws IllegalArgumentException if the score is outside [0, 1]
     */
    public Flag {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(reason, "reason");
      checkScore(score);
    }
  }

  /**
   * Hold the text for a person to judge.
   *
   * @param reason why, safe to show and log
   * @param score how suspicious, in [0, 1]
   */
  record Review(String reason, double score) implements GuardVerdict {
    /**
     * Validates the verdict.
     *
     * @throws IllegalArgumentException if the score is outside [0, 1]
     */
    public Review {
      Objects.requireNonNull(reason, "reason");
      checkScore(score);
    }
  }

  /**
   * Do not let the text through.
   *
   * @param reason why, in words safe to show the user and to log
   */
  record Block(String reason) implements GuardVerdict {
    /** Checks for null. */
    public Block {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Lets a text through.
   *
   * @param text the text
   * @return an allow verdict
   */
  static GuardVerdict allow(String text) {
    return new Allow(text);
  }

  /**
   * Blocks a text.
   *
   * @param reason why
   * @return a block verdict
   */
  static GuardVerdict block(String reason) {
    return new Block(reason);
  }

  private static void checkScore(double score) {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("a guard score must be within [0, 1], was " + score);
    }
  }
}
