package io.agentkeel.observability.internal;

import io.agentkeel.observability.DecisionLog;
import io.agentkeel.observability.ErrorCategory;
import io.agentkeel.observability.ObservabilityReport;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Computes an {@link ObservabilityReport} from decision log lines. */
public final class ReportAggregator {

  /** How many slices the outcomes-over-time chart has. */
  public static final int SLICES = 12;

  /** How many bins the confidence histogram has. */
  public static final int BINS = 20;

  private ReportAggregator() {}

  /**
   * Aggregates lines of a window.
   *
   * @param lines the lines
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the report
   */
  public static ObservabilityReport aggregate(Stream<String> lines, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException(
          "a report window needs its end after its start, got " + from + " to " + to);
    }
    State state = new State(from, to);
    lines.forEach(state::accept);
    return state.report();
  }

  private static final String SCHEMA_FIELD = "{\"schema\":";

  private static final class State {
    final Instant from;
    final Instant to;
    final Duration slice;
    long read;
    long skipped;
    final Map<String, Long> tasks = new TreeMap<>();
    final Map<String, Long> resumed = new TreeMap<>();
    final List<Map<String, Long>> slices = new ArrayList<>();
    final long[] bins = new long[BINS];
    double confidenceSum;
    final Map<String, List<Double>> thresholds = new TreeMap<>();
    // When each workflow's thresholds were last seen: lines may come in any order (rotated files).
    final Map<String, Instant> thresholdsAt = new TreeMap<>();
    final Map<String, Map<String, Long>> toolCalls = new TreeMap<>();
    final TreeSet<String> offered = new TreeSet<>();
    // Runs core refused as a second run of a task in flight, until their task_finished line.
    final Set<String> refusedRuns = new HashSet<>();
    final Map<String, Long> errors = new LinkedHashMap<>();
    long modelCalls;
    long modelFailures;
    long inputTokens;
    long outputTokens;
    double latencySum;
    long up;
    long down;

    State(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      // A Duration, not nanoseconds: a window of centuries (or Instant.MIN to MAX) must not
      // overflow a long.
      Duration slice = Duration.between(from, to).dividedBy(SLICES);
      this.slice = slice.isZero() ? Duration.ofNanos(1) : slice;
      for (int i = 0; i < SLICES; i++) {
        slices.add(new TreeMap<>());
      }
      for (ErrorCategory c : ErrorCategory.values()) {
        errors.put(c.tag(), 0L);
      }
    }

    void accept(String line) {
      String trimmed = line.strip();
      // A log pattern may put a prefix (time, level, an MDC's "{key=value}") before the JSON:
      // the line starts where the schema field does, or else at the first brace.
      int brace = trimmed.indexOf(SCHEMA_FIELD);
      if (brace < 0) {
        brace = trimmed.indexOf('{');
      }
      if (brace < 0) {
        skipped++;
        return;
      }
      Map<String, Object> fields;
      Instant at;
      try {
        fields = Json.parseObject(trimmed.substring(brace));
        if (!DecisionLog.SCHEMA_ID.equals(fields.get("schema"))
            || !(fields.get("ts") instanceof String ts)) {
          skipped++;
          return;
        }
        at = Instant.parse(ts);
      } catch (IllegalArgumentException | DateTimeParseException | ClassCastException e) {
        skipped++;
        return;
      }
      if (at.isBefore(from) || !at.isBefore(to)) {
        return;
      }
      if (!withinSchema(fields)) {
        // A number the writer never writes (a confidence of 1e400, negative tokens): the line
        // was not written by the decision log, and would skew the sums.
        skipped++;
        return;
      }
      read++;
      String event = string(fields, "event");
      Object error = fields.get("error");
      if (error instanceof String category && errors.containsKey(category)) {
        errors.merge(category, 1L, Long::sum);
      }
      switch (event) {
        case "task_started" -> {
          if (fields.get("tools_offered") instanceof List<?> tools) {
            tools.forEach(t -> offered.add(String.valueOf(t)));
          }
        }
        case "limit_reached" -> {
          if ("duplicate_task".equals(fields.get("limit"))) {
            refusedRuns.add(string(fields, "run_id"));
          }
        }
        case "task_finished" -> finished(fields, at);
        case "routed" -> routed(fields, at);
        case "tool_called", "tool_failed" ->
            toolCalls
                .computeIfAbsent(string(fields, "tool"), t -> new TreeMap<>())
                .merge(string(fields, "result"), 1L, Long::sum);
        case "model_called" -> {
          modelCalls++;
          inputTokens = saturatedSum(inputTokens, number(fields, "tokens_input").longValue());
          outputTokens = saturatedSum(outputTokens, number(fields, "tokens_output").longValue());
          latencySum += number(fields, "latency_ms").doubleValue();
        }
        case "model_failed" -> modelFailures++;
        case "feedback" -> {
          if ("up".equals(fields.get("rating"))) {
            up++;
          } else if ("down".equals(fields.get("rating"))) {
            down++;
          }
        }
        default -> {}
      }
    }

    private void finished(Map<String, Object> fields, Instant at) {
      if (refusedRuns.remove(string(fields, "run_id"))) {
        // Refused as a duplicate: the task's own run is counted when it ends.
        return;
      }
      String outcome = string(fields, "outcome");
      if (Boolean.TRUE.equals(fields.get("resumed"))) {
        resumed.merge(outcome, 1L, Long::sum);
        return;
      }
      tasks.merge(outcome, 1L, Long::sum);
      int index = (int) Math.min(SLICES - 1, Duration.between(from, at).dividedBy(slice));
      slices.get(index).merge(outcome, 1L, Long::sum);
    }

    private void routed(Map<String, Object> fields, Instant at) {
      if (fields.get("confidence") instanceof Number n) {
        double value = n.doubleValue();
        bins[Math.min(BINS - 1, Math.max(0, (int) Math.floor(value * BINS)))]++;
        confidenceSum += value;
      }
      if (fields.get("threshold_auto_complete") instanceof Number a
          && fields.get("threshold_review") instanceof Number r) {
        String workflow = string(fields, "workflow");
        Instant seen = thresholdsAt.get(workflow);
        if (seen == null || !at.isBefore(seen)) {
          // The latest in the window: the thresholds in force at its end.
          thresholds.put(workflow, List.of(a.doubleValue(), r.doubleValue()));
          thresholdsAt.put(workflow, at);
        }
      }
    }

    /** The numbers the report adds up lie within the schema's bounds, where present. */
    private static boolean withinSchema(Map<String, Object> fields) {
      return within(fields, "confidence", 1)
          && within(fields, "threshold_auto_complete", 1)
          && within(fields, "threshold_review", 1)
          && count(fields, "tokens_input")
          && count(fields, "tokens_output")
          && within(fields, "latency_ms", Double.MAX_VALUE);
    }

    /** A token count is a whole number from 0, where present: the schema's integer. */
    private static boolean count(Map<String, Object> fields, String name) {
      Object value = fields.get(name);
      return value == null || value instanceof Long n && n >= 0;
    }

    /** Counts from 0 add up to at most {@link Long#MAX_VALUE}, never wrap around to negative. */
    private static long saturatedSum(long total, long count) {
      long sum = total + count;
      return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static boolean within(Map<String, Object> fields, String name, double max) {
      Object value = fields.get(name);
      if (value == null) {
        return true;
      }
      if (!(value instanceof Number n)) {
        return false;
      }
      double d = n.doubleValue();
      return d >= 0 && d <= max;
    }

    private static String string(Map<String, Object> fields, String name) {
      Object value = fields.get(name);
      return value == null ? "" : value.toString();
    }

    private static Number number(Map<String, Object> fields, String name) {
      return fields.get(name) instanceof Number n ? n : 0L;
    }

    ObservabilityReport report() {
      List<ObservabilityReport.TimeSlice> timeSlices = new ArrayList<>();
      for (int i = 0; i < SLICES; i++) {
        timeSlices.add(
            new ObservabilityReport.TimeSlice(from.plus(slice.multipliedBy(i)), slices.get(i)));
      }
      List<Long> binList = new ArrayList<>();
      long scored = 0;
      for (long b : bins) {
        binList.add(b);
        scored += b;
      }
      List<String> neverCalled = offered.stream().filter(t -> !toolCalls.containsKey(t)).toList();
      return new ObservabilityReport(
          from,
          to,
          tasks,
          resumed,
          timeSlices,
          new ObservabilityReport.ConfidenceHistogram(
              binList, thresholds, scored == 0 ? 0 : confidenceSum / scored),
          new ObservabilityReport.ToolUsage(toolCalls, neverCalled),
          errors,
          new ObservabilityReport.ModelUsage(
              modelCalls,
              modelFailures,
              inputTokens,
              outputTokens,
              modelCalls == 0 ? 0 : latencySum / modelCalls),
          new ObservabilityReport.FeedbackCounts(up, down),
          read,
          skipped);
    }
  }
}
