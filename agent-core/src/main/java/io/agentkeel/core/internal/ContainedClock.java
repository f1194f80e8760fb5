package io.agentkeel.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's clock, as the application gave it, kept from breaking a run: every deadline, event
 * time and the supervisor's own bookkeeping read it, so an instant it fails to give (it throws, or
 * answers null) is taken as a recent good instant (at most a millisecond older than the last) plus
 * the time since, on {@link System#nanoTime()}. The first failure is logged. Thread-safe if the
 * wrapped clock is.
 */
final class ContainedClock extends Clock {
  private static final Logger LOG = LoggerFactory.getLogger(ContainedClock.class);
  private static final long KEEP_EVERY_NANOS = 1_000_000;

  /** An instant the clock gave, and the nano-time at which it gave it. */
  private record Reading(Instant instant, long nanos) {}

  private final Clock clock;
  private final AtomicReference<Reading> last;
  private final AtomicBoolean logged = new AtomicBoolean();

  private ContainedClock(Clock clock, AtomicReference<Reading> last) {
    this.clock = clock;
    this.last = last;
  }

  /**
   * Wraps a clock; wrapping a contained clock again returns it.
   *
   * @param clock the application's clock
   * @return the contained clock
   */
  static Clock of(Clock clock) {
    return clock instanceof ContainedClock contained
        ? contained
        : new ContainedClock(clock, new AtomicReference<>());
  }

  @Override
  public Instant instant() {
    Containment.Result<Instant> read = Containment.call(clock::instant);
    if (read instanceof Containment.Returned<Instant> returned && returned.value() != null) {
      // Kept at most once a millisecond: every task's thread reads the clock many times, and a
      // write on each read would bounce this field's cache line between the cores.
      long nanos = System.nanoTime();
      Reading good = last.get();
      if (good == null || nanos - good.nanos() >= KEEP_EVERY_NANOS) {
        last.set(new Reading(returned.value(), nanos));
      }
      return returned.value();
    }
    if (logged.compareAndSet(false, true)) {
      LOG.warn(
          "clock {} failed ({}); its last good instant plus the time since is used when it fails",
          clock.getClass().getName(),
          read instanceof Containment.Threw<Instant> threw
              ? threw.failure().getClass().getName()
              : "instant() returned null");
    }
    Reading good = last.get();
    if (good == null) {
      return Instant.now();
    }
    return Deadline.plus(good.instant(), Duration.ofNanos(System.nanoTime() - good.nanos()));
  }

  @Override
  public ZoneId getZone() {
    ZoneId zone = Containment.orElse("clock", clock, clock::getZone, () -> ZoneOffset.UTC);
    return zone == null ? ZoneOffset.UTC : zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    Clock zoned = Containment.orElse("clock", clock, () -> clock.withZone(zone), () -> clock);
    return new ContainedClock(zoned == null ? clock : zoned, last);
  }
}
