package io.agentkeel.testkit.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock that stands still until a test moves it; for recency and expiry. Thread-safe. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /**
   * Creates the clock.
   *
   * @param start the instant it shows until moved
   */
  public MutableClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far; not negative
   * @return the new instant
   */
  public synchronized Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock moves forward only, got " + duration);
    }
    now = now.plus(duration);
    return now;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
