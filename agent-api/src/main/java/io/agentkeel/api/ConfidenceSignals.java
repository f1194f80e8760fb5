package io.agentkeel.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What is known about how an answer came about, for a {@link ConfidenceScorer}.
 *
 * @param reported the confidence the model reported with its answer, if it did
 * @param summary the model's short reasoning summary; may be empty
 * @param toolErrors tool calls that failed along the way
 * @param retries model calls that had to be repeated (fallbacks, corrected arguments)
 * @param failedValidations final answers that failed validation before this one
 * @param steps model calls made
 */
public record ConfidenceSignals(
    Optional<Double> reported,
    String summary,
    int toolErrors,
    int retries,
    int failedValidations,
    int steps) {

  /** Checks for nulls. */
  public ConfidenceSignals {
    Objects.requireNonNull(reported, "reported");
    Objects.requireNonNull(summary, "summary");
  }
}
