package io.agentkeel.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RankingTest {
  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

  @Test
  void recencyHalvesEveryHalfLife() {
    assertThat(Ranking.recency(NOW, NOW, Duration.ofDays(30))).isEqualTo(1.0);
    assertThat(Ranking.recency(NOW.minus(Duration.ofDays(30)), NOW, Duration.ofDays(30)))
        .isEqualTo(0.5);
    assertThat(Ranking.recency(NOW.plusSeconds(60), NOW, Duration.ofDays(30))).isEqualTo(1.0);
  }

  /**
   * Recency was computed in whole milliseconds: a half-life under a millisecond (which MemoryQuery
   * accepts as positive) divided by zero, making the recency of a memory used just now NaN, and
   * with it its score; a last use hundreds of millions of years away overflowed and failed recall.
   */
  @Test
  void recencyIsWithinZeroAndOneForAnyPositiveHalfLifeAndAnyInstant() {
    for (Duration halfLife :
        new Duration[] {Duration.ofNanos(1), Duration.ofNanos(500_000), Duration.ofDays(30)}) {
      for (Instant used :
          new Instant[] {
            NOW, NOW.minusNanos(1), NOW.minusSeconds(3600), Instant.MIN, Instant.MAX
          }) {
        double recency = Ranking.recency(used, NOW, halfLife);
        assertThat(recency).as("used %s, half-life %s", used, halfLife).isBetween(0.0, 1.0);
      }
    }
    assertThat(Ranking.recency(NOW, NOW, Duration.ofNanos(1))).isEqualTo(1.0);
    assertThat(Ranking.recency(NOW.minusNanos(1_000), NOW, Duration.ofNanos(1_000))).isEqualTo(0.5);
  }
}
