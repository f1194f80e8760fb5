package io.agentkeel.api;

import java.time.Duration;
import java.util.Objects;

/** A rate limiter's answer: admitted, or refused with when to retry. */
public sealed interface RateLimitDecision {

  /** The operation may go ahead. */
  record Admitted() implements RateLimitDecision {}

  /**
   * The operation may not go ahead now.
   *
   * @param retryAfter how long to wait before trying again
   * @param reason which limit refused it, safe to show and log
   */
  record Refused(Duration retryAfter, String reason) implements RateLimitDecision {
    /**
     * Validates the decision.
     *
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public Refused {
      Objects.requireNonNull(retryAfter, "retryAfter");
      Objects.requireNonNull(reason, "reason");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
      }
    }
  }

  /** The one admitted decision. */
  RateLimitDecision ADMITTED = new Admitted();

  /**
   * Admitted.
   *
   * @return the admitted decision
   */
  static RateLimitDecision admitted() {
    return ADMITTED;
  }

  /**
   * Refused for now.
   *
   * @param retryAfter how long to wait
   * @param reason which limit refused
   * @return the decision
   */
  static RateLimitDecision refused(Duration retryAfter, String reason) {
    return new Refused(retryAfter, reason);
  }
}
