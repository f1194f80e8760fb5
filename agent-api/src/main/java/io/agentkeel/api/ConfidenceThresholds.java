package io.agentkeel.api;

/**
 * The two thresholds that route an answer by its confidence: at or above {@code autoComplete} the
 * task completes; at or above {@code review} a person reviews it; below, it is escalated.
 *
 * @param autoComplete the lowest confidence that completes without a person
 * @param review the lowest confidence that goes to normal review rather than escalation
 */
public record ConfidenceThresholds(double autoComplete, double review) {

  /** The defaults: 0.85 and 0.5. */
  public static final ConfidenceThresholds DEFAULT = new ConfidenceThresholds(0.85, 0.5);

  /**
   * Validates the thresholds.
   *
   * @throws IllegalArgumentException unless {@code 0 <= review <= autoComplete <= 1}
   */
  public ConfidenceThresholds {
    if (!(review >= 0.0 && review <= autoComplete && autoComplete <= 1.0)) {
      throw new IllegalArgumentException(
          "thresholds need 0 <= review <= autoComplete <= 1, got review="
              + review
              + " autoComplete="
              + autoComplete);
    }
  }

  /**
   * Routes a confidence value.
   *
   * @param confidence a value in [0, 1]
   * @return the route
   */
  public Route route(double confidence) {
    if (confidence >= autoComplete) {
      return Route.AUTO_COMPLETE;
    }
    return confidence >= review ? Route.REVIEW : Route.ESCALATE;
  }
}
