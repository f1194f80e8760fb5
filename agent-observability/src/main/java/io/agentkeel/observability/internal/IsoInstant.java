package io.agentkeel.observability.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants exactly as {@link Instant#toString()} does (ISO-8601, UTC, the fraction in
 * groups of three digits, none when zero), reusing the text of the current second: decision log
 * lines of one second share it. Thread-safe.
 */
final class IsoInstant {

  private record Second(long epochSecond, String text) {}

  private volatile Second cached = new Second(Long.MIN_VALUE, "");

  String format(Instant instant) {
    return formatTo(new StringBuilder(30), instant).toString();
  }

  /**
   * Appends the instant's text, without building a string of its own.
   *
   * @param b where to append
   * @param instant the instant
   * @return {@code b}
   */
  StringBuilder formatTo(StringBuilder b, Instant instant) {
    Second second = cached;
    if (second.epochSecond() != instant.getEpochSecond()) {
      String whole =
          DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
      // "...:SSZ": drop the Z, the fraction and Z are appended per instant. Years beyond 9999
      // and before 0 are left to Instant itself.
      if (!whole.endsWith("Z") || whole.length() != 20) {
        return b.append(instant);
      }
      second = new Second(instant.getEpochSecond(), whole.substring(0, 19));
      cached = second;
    }
    int nanos = instant.getNano();
    b.append(second.text());
    if (nanos > 0) {
      b.append('.');
      if (nanos % 1_000_000 == 0) {
        digits(b, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        digits(b, nanos / 1_000, 6);
      } else {
        digits(b, nanos, 9);
      }
    }
    return b.append('Z');
  }

  /** Appends exactly {@code count} (3, 6 or 9) digits of {@code value}, with leading zeros. */
  private static void digits(StringBuilder b, int value, int count) {
    if (count == 9) {
      group(b, value / 1_000_000);
    }
    if (count >= 6) {
      group(b, value / 1_000 % 1_000);
    }
    group(b, value % 1_000);
  }

  // Three digits by constant divisors, which compile to multiplications.
  private static void group(StringBuilder b, int value) {
    b.append((char) ('0' + value / 100))
        .append((char) ('0' + value / 10 % 10))
        .append((char) ('0' + value % 10));
  }
}
