package io.agentkeel.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucket;
import java.time.Duration;
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

  private final ManualTime time = new ManualTime();

  @Test
  void aDrainedBucketRefillsWithinItsPeriodOnTheStoresTimeSource() {
    var bucket = new LocalBucketStore(time).bucket("k", FIVE_A_MINUTE);
    assertThat(bucket.tryConsume(5)).isTrue();
    assertThat(bucket.tryConsume(1)).isFalse();

    time.advance(Duration.ofMinutes(1));

    assertThat(bucket.getAvailableTokens()).isEqualTo(5);
  }

  @Test
  void bucketsLeftAloneUntilFullAreDroppedSoTheStoreDoesNotGrowWithEveryPrincipal() {
    LocalBucketStore store = new LocalBucketStore(time);
    for (int i = 0; i < 10_000; i++) {
      store.bucket("principal-" + i, FIVE_A_MINUTE).tryConsume(1 + i % 5);
    }
    assertThat(store.size()).isEqualTo(10_000);

    time.advance(Duration.ofMinutes(5));
    store.bucket("principal-new", FIVE_A_MINUTE);

    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void aBucketInUseIsNotDroppedBeforeItIsFullAgain() {
    LocalBucketStore store = new LocalBucketStore(time);
    var bucket = store.bucket("k", FIVE_A_MINUTE);
    assertThat(bucket.tryConsume(5)).isTrue();

    time.advance(Duration.ofSeconds(50));

    // not yet refilled: the same bucket, still short of one token
    assertThat(store.bucket("k", FIVE_A_MINUTE).getAvailableTokens()).isEqualTo(4);
  }

  @Test
  void aBucketInDebtIsKeptUntilTheDebtIsPaid() {
    LocalBucketStore store = new LocalBucketStore(time);
    store.bucket("k", FIVE_A_MINUTE).consumeIgnoringRateLimits(50); // 45 in debt
    store.bucket("k", FIVE_A_MINUTE); // asked again after the debt, as the limiter does

    time.advance(Duration.ofMinutes(5));

    // dropped, it would be a new full bucket of 5
    assertThat(store.bucket("k", FIVE_A_MINUTE).getAvailableTokens()).isEqualTo(-20);
  }
}
