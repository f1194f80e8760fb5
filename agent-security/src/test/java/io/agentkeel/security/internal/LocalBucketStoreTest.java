package io.agentkeel.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalBucketStoreTest {

  private static final BucketConfiguration FIVE_A_MINUTE =
      BucketConfiguration.builder()
          .addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofMinutes(1)).build())
          .build();

  @Test
  void bucketsAreTimedByTheMonotonicClockNotTheWallClock() {
    LocalBucket bucket = (LocalBucket) new LocalBucketStore().bucket("k", FIVE_A_MINUTE);

    // On the wall clock, a step back of an hour leaves a drained bucket empty for that hour.
    assertThat(bucket.getTimeMeter().isWallClockBased()).isFalse();
  }

  @Test
  void aDrainedBucketRefillsWithinItsPeriodOnTheStoresTimeSource() {
    AtomicLong now = new AtomicLong(Duration.ofDays(1).toNanos());
    TimeMeter time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return now.get();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
    var bucket = new LocalBucketStore(time).bucket("k", FIVE_A_MINUTE);
    assertThat(bucket.tryConsume(5)).isTrue();
    assertThat(bucket.tryConsume(1)).isFalse();

    now.addAndGet(Duration.ofMinutes(1).toNanos());

    assertThat(bucket.getAvailableTokens()).isEqualTo(5);
  }
}
