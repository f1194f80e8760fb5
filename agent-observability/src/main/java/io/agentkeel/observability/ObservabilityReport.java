package io.agentkeel.observability;

import io.agentkeel.observability.internal.ReportAggregator;
import io.agentkeel.observability.internal.ReportRenderer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The production metrics of a time window, computed from decision log lines: completion without
 * human intervention, the confidence distribution against the thresholds, tool usage with the tools
 * never called, errors by category, model tokens and latency, and user satisfaction. Renders as
 * text, JSON and a self-contained HTML page whose charts are inline SVG (no script, no network).
 *
 * @param from the window's start, inclusive
 * @param to the window's end, exclusive
 * @param tasks first runs of tasks that ended in the window, by outcome (a second run of a task in
 *     flight, which core refuses as a duplicate, is none)
 * @param resumed runs resumed after a review that ended in the window, by outcome
 * @param outcomesOverTime the first runs' outcomes in equal slices of the window
 * @param confidence the confidence histogram
 * @param tools tool calls by tool and result, with the tools offered but never called
 * @param errors errors by category, every category present
 * @param models model calls, tokens and latency
 * @param feedback user ratings
 * @param linesRead decision log lines of the window read
 * @param linesSkipped lines that were not decision log lines (other logs, malformed)
 */
public record ObservabilityReport(
    Instant from,
    Instant to,
    Map<String, Long> tasks,
    Map<String, Long> resumed,
    List<TimeSlice> outcomesOverTime,
    ConfidenceHistogram confidence,
    ToolUsage tools,
    Map<String, Long> errors,
    ModelUsage models,
    FeedbackCounts feedback,
    long linesRead,
    long linesSkipped) {

  /**
   * Copies the collections.
   *
   * @throws NullPointerException if a component is null
   */
  public ObservabilityReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    tasks = Map.copyOf(tasks);
    resumed = Map.copyOf(resumed);
    outcomesOverTime = List.copyOf(outcomesOverTime);
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(tools, "tools");
    errors = Map.copyOf(errors);
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(feedback, "feedback");
  }

  /**
   * Computes a report from decision log lines; lines that are not decision log lines are counted
   * and skipped, so a whole application log may be given.
   *
   * @param lines the lines
   * @param from the window's start, inclusive
   * @param to the window's end, exclusive
   * @return the report
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public static ObservabilityReport fromDecisionLog(
      Stream<String> lines, Instant from, Instant to) {
    return ReportAggregator.aggregate(lines, from, to);
  }

  /**
   * Computes a report from a decision log file.
   *
   * @param file the file, UTF-8, one line per event
   * @param from the window's start, inclusive
   * @param to the window's end, exclusive
   * @return the report
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ObservabilityReport fromDecisionLog(Path file, Instant from, Instant to) {
    // An application log may hold other loggers' lines in another encoding: bytes that are not
    // UTF-8 are replaced (such a line is skipped and counted), not a reason to give no report.
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8));
        Stream<String> lines = reader.lines()) {
      return fromDecisionLog(lines, from, to);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read decision log " + file, e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot read decision log " + file, e.getCause());
    }
  }

  /**
   * All first runs that ended in the window.
   *
   * @return their number
   */
  public long taskCount() {
    return tasks.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The share of first runs that completed without a person: {@code completed} over all.
   *
   * @return the rate in [0, 1]; 0 without tasks
   */
  public double completionRate() {
    long total = taskCount();
    return total == 0 ? 0 : tasks.getOrDefault("completed", 0L) / (double) total;
  }

  /**
   * Errors of all categories per first run.
   *
   * @return the rate; 0 without tasks
   */
  public double errorRate() {
    long total = taskCount();
    long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
    return total == 0 ? 0 : errorCount / (double) total;
  }

  /**
   * The report as plain text.
   *
   * @return the text
   */
  public String toText() {
    return ReportRenderer.text(this);
  }

  /**
   * The report as one JSON object.
   *
   * @return the JSON
   */
  public String toJson() {
    return ReportRenderer.json(this);
  }

  /**
   * The report as a self-contained HTML page with inline SVG charts; it loads nothing.
   *
   * @return the HTML
   */
  public String toHtml() {
    return ReportRenderer.html(this);
  }

  /**
   * The outcomes of first runs that ended in one slice of the window.
   *
   * @param start the slice's start
   * @param outcomes counts by outcome
   */
  public record TimeSlice(Instant start, Map<String, Long> outcomes) {
    /** Copies the map. */
    public TimeSlice {
      Objects.requireNonNull(start, "start");
      outcomes = Map.copyOf(outcomes);
    }
  }

  /**
   * The confidence of scored answers in twenty bins of 0.05, with the thresholds they were routed
   * by.
   *
   * @param bins counts per bin; bin {@code i} holds values in {@code [i/20, (i+1)/20)}, the last
   *     also 1.0
   * @param thresholds each workflow's thresholds, as {@code [autoComplete, review]}: the latest in
   *     the window
   * @param mean the mean confidence; 0 when nothing was scored
   */
  public record ConfidenceHistogram(
      List<Long> bins, Map<String, List<Double>> thresholds, double mean) {
    /** Copies the collections. */
    public ConfidenceHistogram {
      bins = List.copyOf(bins);
      thresholds = Map.copyOf(thresholds);
    }

    /**
     * The number of scored answers.
     *
     * @return the sum of the bins
     */
    public long count() {
      return bins.stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Tool calls by tool and result.
   *
   * @param calls per tool, counts by result ({@code success} or a failure kind)
   * @param neverCalled tools offered in the window that no call named, sorted
   */
  public record ToolUsage(Map<String, Map<String, Long>> calls, List<String> neverCalled) {
    /** Copies the collections. */
    public ToolUsage {
      calls = Map.copyOf(calls);
      neverCalled = List.copyOf(neverCalled);
    }
  }

  /**
   * Model calls and what they used.
   *
   * @param calls successful model calls
   * @param failures failed model calls
   * @param inputTokens input tokens
   * @param outputTokens output tokens
   * @param meanLatencyMs mean latency of the successful calls; 0 without calls
   */
  public record ModelUsage(
      long calls, long failures, long inputTokens, long outputTokens, double meanLatencyMs) {}

  /**
   * User ratings.
   *
   * @param up thumbs up
   * @param down thumbs down
   */
  public record FeedbackCounts(long up, long down) {
    /**
     * The share of ratings that were up.
     *
     * @return the share in [0, 1]; 0 without ratings
     */
    public double satisfaction() {
      return up + down == 0 ? 0 : up / (double) (up + down);
    }
  }
}
