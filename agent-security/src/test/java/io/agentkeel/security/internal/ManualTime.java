package io.agentkeel.security.internal;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A monotonic time source for buckets that moves only when a test moves it. */
public final class ManualTime implements TimeMeter {
  private final AtomicLong now = new AtomicLong(Duration.ofDays(1).toNanos());

  /**
   * Moves the time on.
   *
   * @param by how far
   */
  public void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Override
  public long currentTimeNanos() {
    return now.get();
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }
}
