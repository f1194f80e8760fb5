package io.agentkeel.security.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Buckets in this process: Bucket4j's lock-free local buckets, timed by the monotonic clock ({@link
 * System#nanoTime}) rather than Bucket4j's default, the wall clock. A wall clock stepped back (NTP,
 * a restored VM) would leave a drained bucket empty until the clock caught up again, refusing a
 * principal for as long as the step while telling it to retry in seconds; one stepped forward would
 * refill every bucket at once.
 */
public final class LocalBucketStore implements BucketStore {
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter time;

  /** Creates an empty store on the monotonic clock. */
  public LocalBucketStore() {
    this(TimeMeter.SYSTEM_NANOTIME);
  }

  /**
   * Creates an empty store on a given time source, for tests.
   *
   * @param time the buckets' time source
   */
  public LocalBucketStore(TimeMeter time) {
    this.time = Objects.requireNonNull(time, "time");
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets.computeIfAbsent(
        key,
        k -> {
          var b = Bucket.builder().withCustomTimePrecision(time);
          for (var bandwidth : configuration.getBandwidths()) {
            b.addLimit(bandwidth);
          }
          return b.build();
        });
  }
}
