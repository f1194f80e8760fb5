package io.agentkeel.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The access-pattern review, built from an audit log: per principal and tool, the calls, denials
 * and rate-limit hits; and per principal, the windows whose activity is a burst against the
 * principal's own history (more than {@code sigmas} standard deviations above its mean over its
 * other windows, and at least {@code minEvents}).
 *
 * @param rows one row per principal and tool, sorted
 * @param bursts the unusual windows, sorted by principal and time
 */
public record AccessReview(List<Row> rows, List<Burst> bursts) {
  /** Copies the lists. */
  public AccessReview {
    rows = List.copyOf(rows);
    bursts = List.copyOf(bursts);
  }

  /**
   * One principal's use of one tool ({@code -} for events about no tool, such as a blocked input).
   *
   * @param principal who
   * @param tool which tool
   * @param calls tool calls that ran
   * @param denials calls or inputs refused: not permitted, denied by a person, blocked by a guard
   * @param rateLimitHits operations refused by a rate limit
   */
  public record Row(String principal, String tool, long calls, long denials, long rateLimitHits) {}

  /**
   * A window of unusual activity.
   *
   * @param principal who
   * @param windowStart when the window began
   * @param events how many calls, denials and rate-limit hits it held
   * @param baselineMean the principal's mean over its other windows
   * @param baselineStdDev their standard deviation
   */
  public record Burst(
      String principal,
      Instant windowStart,
      long events,
      double baselineMean,
      double baselineStdDev) {}

  /**
   * Builds the review with one-hour windows, 3 standard deviations and at least 10 events.
   *
   * @param entries the audit log's entries
   * @return the review
   */
  public static AccessReview of(List<AuditEntry> entries) {
    return of(entries, Duration.ofHours(1), 3.0, 10);
  }

  /**
   * Builds the review.
   *
   * @param entries the audit log's entries
   * @param window the width of a window, at least one millisecond
   * @param sigmas how far above the mean a burst is
   * @param minEvents the fewest events a burst has
   * @return the review
   * @throws IllegalArgumentException if the window is shorter than one millisecond
   */
  public static AccessReview of(
      List<AuditEntry> entries, Duration window, double sigmas, long minEvents) {
    Objects.requireNonNull(window, "window");
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException(
          "an access review window must be at least 1 ms, got " + window);
    }
    Map<String, long[]> rows = new TreeMap<>();
    Map<String, TreeMap<Long, Long>> perWindow = new TreeMap<>();
    long w = window.toMillis();
    for (AuditEntry e : entries) {
      String a = e.action();
      int kind;
      if (a.equals("called")) {
        kind = 0;
      } else if (a.startsWith("failed:NOT_PERMITTED")
          || a.startsWith("failed:DENIED")
          || a.startsWith("denied:")) {
        kind = 1;
      } else if (a.equals("rate_limited")) {
        kind = 2;
      } else {
        continue;
      }
      String principal = e.principal().isEmpty() ? "(unknown)" : e.principal();
      String tool = e.tool().isEmpty() ? "-" : e.tool();
      rows.computeIfAbsent(principal + '\u0000' + tool, k -> new long[3])[kind]++;
      perWindow
          .computeIfAbsent(principal, k -> new TreeMap<>())
          .merge(Math.floorDiv(e.at().toEpochMilli(), w), 1L, Long::sum);
    }
    List<Row> out = new ArrayList<>();
    rows.forEach((k, c) -> {
      String[] pt = k.split("\u0000", 2);
      out.add(new Row(pt[0], pt[1], c[0], c[1], c[2]));
    });
    List<Burst> bursts = new ArrayList<>();
    perWindow.forEach((principal, counts) -> {
      long first = counts.firstKey();
      long last = counts.lastKey();
      long n = last - first + 1;
      if (n < 3) {
        return; // no history to compare with
      }
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      double sumSq = counts.values().stream().mapToDouble(v -> (double) v * v).sum();
      counts.forEach((slot, count) -> {
        // the baseline is every other window of this principal's active span
        double others = n - 1;
        double mean = (total - count) / others;
        double var = Math.max(0, (sumSq - (double) count * count) / others - mean * mean);
        double std = Math.sqrt(var);
        if (count >= minEvents && count > mean + sigmas * Math.max(std, 1.0)) {
          bursts.add(new Burst(principal, Instant.ofEpochMilli(slot * w), count, mean, std));
        }
      });
    });
    bursts.sort(Comparator.comparing(Burst::principal).thenComparing(Burst::windowStart));
    return new AccessReview(out, bursts);
  }
}
