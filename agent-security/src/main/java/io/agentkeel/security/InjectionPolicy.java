package io.agentkeel.security;

import java.util.Objects;

/**
 * What to do with a text by its injection score: at or above {@code threshold} take {@code action};
 * at or above {@code flagAt} (but below the threshold) allow it and flag it; below, allow it.
 *
 * @param action what happens at or above the threshold
 * @param threshold the score from which the action applies, in [0, 1]
 * @param flagAt the score from which the text is flagged, in [0, threshold]
 */
public record InjectionPolicy(Action action, double threshold, double flagAt) {
  /** What a policy does with a text that scores at or above its threshold. */
  public enum Action {
    /** Do not let it through. */
    BLOCK,
    /** Send it to a person. */
    REVIEW,
    /** Let it through, flagged (and, for data, spotlighted with a warning). */
    FLAG
  }

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if a score is outside [0, 1] or {@code flagAt > threshold}
   */
  public InjectionPolicy {
    Objects.requireNonNull(action, "action");
    if (!(threshold >= 0 && threshold <= 1) || !(flagAt >= 0 && flagAt <= threshold)) {
      throw new IllegalArgumentException(
          "an injection policy needs 0 <= flag-at <= threshold <= 1, got flag-at="
              + flagAt
              + " threshold="
              + threshold);
    }
  }
}
