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
    Second second = cached;
    if (second.epochSecond() != instant.getEpochSecond()) {
      String whole =
          DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
      // "...:SSZ": drop the Z, the fraction and Z are appended per instant. Years beyond 9999
      // and before 0 are left to Instant itself.
      if (!whole.endsWith("Z") || whole.length() != 20) {
        return instant.toString();
      }
      second = new Second(instant.getEpochSecond(), whole.substring(0, 19));
      cached = second;
    }
    int nanos = instant.getNano();
    StringBuilder b = new StringBuilder(30).append(second.text());
    if (nanos > 0) {
      b.append('.');
      if (nanos % 1_000_000 == 0) {
        pad(b, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        pad(b, nanos / 1_000, 6);
      } else {
        pad(b, nanos, 9);
      }
    }
    return b.append('Z').toString();
  }

  private static void pad(StringBuilder b, int value, int digits) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < digits; i++) {
      b.append('0');
    }
    b.append(s);
  }
}
