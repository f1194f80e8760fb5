package io.agentkeel.core;

import io.agentkeel.api.Confidence;
import io.agentkeel.api.ConfidenceScorer;
import io.agentkeel.api.ConfidenceSignals;
import io.agentkeel.api.RunContext;

/**
 * The default confidence scorer: the confidence the model reported with its answer, lowered for
 * each thing that went wrong on the way. An answer without a reported confidence starts at {@value
 * #UNREPORTED}, which the default thresholds send to review.
 *
 * <p>Each failed tool call lowers the score by {@value #PER_TOOL_ERROR} (at most {@value
 * #MAX_TOOL_ERROR_PENALTY} in all), each retried model call by {@value #PER_RETRY}, each failed
 * validation by {@value #PER_FAILED_VALIDATION}. Thread-safe and stateless.
 */
public final class DefaultConfidenceScorer implements ConfidenceScorer {

  /** The starting score of an answer whose confidence the model did not report. */
  public static final double UNREPORTED = 0.6;

  /** The penalty for each failed tool call. */
  public static final double PER_TOOL_ERROR = 0.1;

  /** The most that tool errors can take off in all. */
  public static final double MAX_TOOL_ERROR_PENALTY = 0.3;

  /** The penalty for each repeated model call (fallback, corrected arguments). */
  public static final double PER_RETRY = 0.05;

  /** The penalty for each failed validation before the final answer. */
  public static final double PER_FAILED_VALIDATION = 0.15;

  /** Creates the scorer. */
  public DefaultConfidenceScorer() {}

  @Override
  public Confidence score(ConfidenceSignals signals, RunContext context) {
    double base =
        signals.reported().isPresent()
            ? Math.clamp(signals.reported().get(), 0.0, 1.0)
            : UNREPORTED;
    double penalty =
        Math.min(MAX_TOOL_ERROR_PENALTY, PER_TOOL_ERROR * signals.toolErrors())
            + PER_RETRY * signals.retries()
            + PER_FAILED_VALIDATION * signals.failedValidations();
    double value = Math.clamp(base - penalty, 0.0, 1.0);
    if (penalty == 0 && signals.reported().isPresent()) {
      return new Confidence(value, signals.summary());
    }
    StringBuilder summary = new StringBuilder(signals.summary());
    if (signals.reported().isEmpty()) {
      append(summary, "the model reported no confidence");
    }
    if (penalty > 0) {
      append(
          summary,
          String.format(
              java.util.Locale.ROOT,
              "lowered by %.2f for %d tool error(s), %d retry(ies), %d failed validation(s)",
              penalty,
              signals.toolErrors(),
              signals.retries(),
              signals.failedValidations()));
    }
    return new Confidence(value, summary.toString());
  }

  private static void append(StringBuilder summary, String note) {
    if (!summary.isEmpty()) {
      summary.append("; ");
    }
    summary.append(note);
  }
}
