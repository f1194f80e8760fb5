package io.agentkeel.security;

/** What a rate limiter does when its store (Redis) cannot be reached. */
public enum RateLimitFailure {
  /** Refuse the operation: nothing runs unlimited while the store is down (the default). */
  FAIL_CLOSED,
  /** Admit the operation, and log that limits are not enforced. */
  FAIL_OPEN
}
