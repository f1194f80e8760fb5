package io.agentkeel.api;

import java.util.Objects;

/**
 * How sure the agent is of an answer, with the short reasoning behind it.
 *
 * @param value between 0 (no confidence) and 1 (certain)
 * @param summary a short reasoning summary, for the decision log and reviewers; may be empty
 */
public record Confidence(double value, String summary) {

  /**
   * Validates the confidence.
   *
   * @throws IllegalArgumentException if {@code value} is outside [0, 1] or not a number
   */
  public Confidence {
    Objects.requireNonNull(summary, "summary");
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException("confidence must be within [0, 1], was " + value);
    }
  }
}
