package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class IsoInstantTest {

  @Test
  void formatsExactlyAsInstantToString() {
    IsoInstant format = new IsoInstant();
    qt().forAll(
            SourceDSL.longs().between(-100_000_000_000L, 300_000_000_000L),
            SourceDSL.integers().between(0, 999_999_999),
            SourceDSL.integers().between(0, 3))
        .checkAssert((seconds, nanos, shape) -> {
          int n =
              switch (shape) {
                case 0 -> 0;
                case 1 -> (nanos / 1_000_000) * 1_000_000;
                case 2 -> (nanos / 1_000) * 1_000;
                default -> nanos;
              };
          Instant instant = Instant.ofEpochSecond(seconds, n);
          assertThat(format.format(instant)).isEqualTo(instant.toString());
          // The same second again, from the cache.
          Instant next = instant.plusNanos(1);
          if (next.getEpochSecond() == seconds) {
            assertThat(format.format(next)).isEqualTo(next.toString());
          }
        });
  }
}
