package io.agentkeel.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate limiter's answer.
 *
 * @param admitted whether the operation may go ahead
 * @param retryAfter when refused, how long to wait; zero when admitted
 */
public record RateLimitDecision(boolean admitted, Duration retryAfter) {

  /** Admitted. */
  public static final RateLimitDecision ADMITTED = new RateLimitDecision(true, Duration.ZERO);

  /** Checks for null. */
  public RateLimitDecision {
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * Refused for now.
   *
   * @param retryAfter how long to wait
   * @return the decision
   */
  public static RateLimitDecision refused(Duration retryAfter) {
    return new RateLimitDecision(false, retryAfter);
  }
}
