package io.agentkeel.security;

import io.agentkeel.api.RateLimitKind;
import java.time.Duration;
import java.util.Objects;

/**
 * One rate limit: a bucket of {@code capacity} permits refilled evenly over {@code period}, for the
 * operations of one kind and name, kept per principal or shared by all principals. A model call's
 * permits are tokens; a task's and a tool call's are calls.
 *
 * @param id a short name for the rule, used in reasons and keys, such as {@code model-tokens}
 * @param kind what it counts
 * @param name which task workflow, model or tool; {@code *} for every one (each still gets its own
 *     bucket)
 * @param capacity the most permits the bucket holds
 * @param period how long a full refill takes
 * @param perPrincipal whether each principal has its own bucket (else one bucket is shared)
 */
public record RateLimitRule(
    String id,
    RateLimitKind kind,
    String name,
    long capacity,
    Duration period,
    boolean perPrincipal) {
  /** Every name. */
  public static final String ANY = "*";

  /**
   * Validates the rule.
   *
   * @throws IllegalArgumentException if the capacity or period is not positive, or the id is blank
   */
  public RateLimitRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(period, "period");
    if (id.isBlank() || !id.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "a rate-limit rule id must be letters, digits, '.', '_' or '-', got '" + id + "'");
    }
    if (capacity <= 0) {
      throw new IllegalArgumentException(
          "rate-limit rule '" + id + "' needs a positive capacity, got " + capacity);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException(
          "rate-limit rule '" + id + "' needs a positive period, got " + period);
    }
  }

  /**
   * Tells whether the rule counts an operation.
   *
   * @param kind its kind
   * @param name its name
   * @return whether it applies
   */
  public boolean applies(RateLimitKind kind, String name) {
    return this.kind == kind && (ANY.equals(this.name) || this.name.equals(name));
  }
}
