package io.agentkeel.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A point on the agent's clock after which something must stop. Every deadline of a run is one of
 * these, so that every timeout is measured on the one time source, the agent's {@link Clock}; the
 * watchdog's nanosecond deadlines are derived from the time left on that clock. Arithmetic
 * saturates: a budget of a thousand years or {@code Duration.ofSeconds(Long.MAX_VALUE)} means "no
 * practical limit" and never overflows.
 *
 * @param at the instant on the agent's clock
 */
record Deadline(Instant at) {

  /** About 146 years of nanoseconds: more than any budget needs, far from overflowing a long. */
  static final long FAR_NANOS = Long.MAX_VALUE / 2;

  /**
   * The deadline a duration after the clock's now.
   *
   * @param clock the agent's clock
   * @param duration the budget, possibly enormous
   * @return the deadline
   */
  static Deadline after(Clock clock, Duration duration) {
    return new Deadline(plus(clock.instant(), duration));
  }

  /** {@code start + duration}, saturated at {@link Instant#MAX} (or {@link Instant#MIN}). */
  static Instant plus(Instant start, Duration duration) {
    try {
      return start.plus(duration);
    } catch (ArithmeticException | java.time.DateTimeException overflow) {
      return duration.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }

  /** {@code a + b}, saturated at about 292 years. */
  static Duration plus(Duration a, Duration b) {
    try {
      return a.plus(b);
    } catch (ArithmeticException overflow) {
      return ChronoMax.DURATION;
    }
  }

  /** A duration in nanoseconds, saturated at {@link #FAR_NANOS}. */
  static long nanos(Duration duration) {
    if (duration.isNegative()) {
      return 0;
    }
    if (duration.getSeconds() >= FAR_NANOS / 1_000_000_000L) {
      return FAR_NANOS;
    }
    return duration.toNanos();
  }

  /** A duration in milliseconds, saturated at {@code Long.MAX_VALUE / 2}. */
  static long millis(Duration duration) {
    return nanos(duration) / 1_000_000L;
  }

  /**
   * The earlier of this deadline and another.
   *
   * @param other the other deadline
   * @return the earlier one
   */
  Deadline min(Deadline other) {
    return other.at.isBefore(at) ? other : this;
  }

  /**
   * The time left on the clock, never negative.
   *
   * @param clock the agent's clock
   * @return the time left
   */
  Duration left(Clock clock) {
    Instant now = clock.instant();
    if (!now.isBefore(at)) {
      return Duration.ZERO;
    }
    try {
      return Duration.between(now, at);
    } catch (ArithmeticException overflow) {
      return ChronoMax.DURATION;
    }
  }

  /**
   * Whether the deadline has passed on the clock.
   *
   * @param clock the agent's clock
   * @return whether it passed
   */
  boolean passed(Clock clock) {
    return !clock.instant().isBefore(at);
  }

  /**
   * The {@link System#nanoTime()} at which the time left on the clock runs out, for the watchdog:
   * the ticker derived from the clock.
   *
   * @param clock the agent's clock
   * @return the nano-time deadline, saturated
   */
  long nanoDeadline(Clock clock) {
    long now = System.nanoTime();
    long left = nanos(left(clock));
    return left >= FAR_NANOS ? now + FAR_NANOS : now + left;
  }

  /** The longest duration a deadline works with. */
  static final class ChronoMax {
    static final Duration DURATION = Duration.ofSeconds(FAR_NANOS / 1_000_000_000L);

    private ChronoMax() {}
  }
}
