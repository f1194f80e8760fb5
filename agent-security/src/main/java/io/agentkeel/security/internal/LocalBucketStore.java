package io.agentkeel.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import java.util.Objects;

/**
 * Buckets in this process: Bucket4j's lock-free local buckets, timed by the monotonic clock ({@link
 * System#nanoTime}) rather than Bucket4j's default, the wall clock. A wall clock stepped back (NTP,
 * a restored VM) would leave a drained bucket empty until the clock caught up again, refusing a
 * principal for as long as the step while telling it to retry in seconds; one stepped forward would
 * refill every bucket at once.
 *
 * <p>A bucket left alone long enough to be full again is dropped, so the store holds the buckets of
 * the principals seen within about two refill periods rather than of every principal ever seen.
 * Dropping a full bucket changes nothing: the next request makes a new, full one. Each use of a
 * bucket keeps it at least until it could have refilled from what it holds then, plus one whole
 * refill (what one take can remove) and one period, so a bucket in debt is kept until its debt is
 * paid; a caller that puts a bucket into debt asks for it again afterwards, so that the debt is
 * counted.
 */
public final class LocalBucketStore implements BucketStore {
  private final Cache<String, LocalBucket> buckets;
  private final TimeMeter time;

  /** Creates an empty store on the monotonic clock. */
  public LocalBucketStore() {
    this(TimeMeter.SYSTEM_NANOTIME);
  }

  /**
   * Creates an empty store on a given time source, for tests.
   *
   * @param time the buckets' time source, also the one by which idle buckets are dropped
   */
  public LocalBucketStore(TimeMeter time) {
    this.time = Objects.requireNonNull(time, "time");
    this.buckets =
        Caffeine.newBuilder().ticker(time::currentTimeNanos).expireAfter(new UntilFull()).build();
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets.get(
        key,
        k -> {
          var b = Bucket.builder().withCustomTimePrecision(time);
          for (var bandwidth : configuration.getBandwidths()) {
            b.addLimit(bandwidth);
          }
          return b.build();
        });
  }

  /**
   * The buckets held after dropping those due, for tests.
   *
   * @return the number of buckets held
   */
  long size() {
    long before;
    do { // Caffeine drops a bounded number of entries per clean-up
      before = buckets.estimatedSize();
      buckets.cleanUp();
    } while (buckets.estimatedSize() < before);
    return buckets.estimatedSize();
  }

  /**
   * Keeps a bucket, from each use, until it could be full again: long enough to refill from what it
   * holds now and then from empty. Never shortens what an earlier use granted, so a use that read
   * the bucket before another caller's debt cannot cut that debt's time short.
   */
  private static final class UntilFull implements Expiry<String, LocalBucket> {
    @Override
    public long expireAfterCreate(String key, LocalBucket bucket, long currentTime) {
      return untilFull(bucket);
    }

    @Override
    public long expireAfterUpdate(
        String key, LocalBucket bucket, long currentTime, long currentDuration) {
      return Math.max(currentDuration, untilFull(bucket));
    }

    @Override
    public long expireAfterRead(
        String key, LocalBucket bucket, long currentTime, long currentDuration) {
      return Math.max(currentDuration, untilFull(bucket));
    }

    private static long untilFull(LocalBucket bucket) {
      Bandwidth[] bandwidths = bucket.getConfiguration().getBandwidths();
      long available = bucket.getAvailableTokens();
      double nanos = 0;
      for (Bandwidth b : bandwidths) {
        double perToken = (double) b.getRefillPeriodNanos() / b.getRefillTokens();
        // what it lacks now (a debt too), then a whole bucket
        double missing = Math.max(0d, (double) b.getCapacity() - available);
        // and a period more, for a caller that takes a while between asking and taking (and
        // another for a refill that comes a whole period at a time, so up to a period late)
        double late = (b.isRefillIntervally() ? 2d : 1d) * b.getRefillPeriodNanos();
        nanos = Math.max(nanos, (missing + b.getCapacity()) * perToken + late);
      }
      // Caffeine treats durations past about 150 years as never expiring anyway.
      return nanos >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) Math.ceil(nanos);
    }
  }
}
