package io.agentkeel.observability.internal;

import io.agentkeel.api.PrintableText;
import io.agentkeel.observability.ErrorCategory;
import io.agentkeel.observability.ObservabilityReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Renders an {@link ObservabilityReport} as text, JSON and an offline HTML page. */
public final class ReportRenderer {

  /** The outcomes in the order reports show them. */
  public static final List<String> OUTCOMES =
      List.of("completed", "in_review", "escalated", "refused", "rate_limited", "failed");

  private static final Map<String, String> OUTCOME_COLOURS =
      Map.of(
          "completed", "#2e9d4f",
          "in_review", "#e0a100",
          "escalated", "#d9622b",
          "refused", "#8a4fd0",
          "rate_limited", "#3b7dd8",
          "failed", "#d0312d");

  /** Chart size in CSS pixels; the page lays charts out at fixed places (see {@link #CHARTS}). */
  public static final int CHART_WIDTH = 600;

  /** Chart height in CSS pixels. */
  public static final int CHART_HEIGHT = 340;

  /**
   * The charts' ids and their top-left corners on the page, in CSS pixels: tests find them in a
   * screenshot there.
   */
  public static final Map<String, int[]> CHARTS =
      Map.of(
          "chart-confidence", new int[] {20, 200},
          "chart-outcomes", new int[] {660, 200},
          "chart-tools", new int[] {20, 580},
          "chart-errors", new int[] {660, 580});

  private ReportRenderer() {}

  private static List<String> outcomeKeys(Map<String, Long> counts) {
    LinkedHashSet<String> keys = new LinkedHashSet<>(OUTCOMES);
    keys.addAll(new TreeSet<>(counts.keySet()));
    return new ArrayList<>(keys);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A name from the log as the text report shows it: see {@link PrintableText}. */
  static String printable(Object value) {
    return PrintableText.escape(value);
  }

  /**
   * The report as text.
   *
   * @param r the report
   * @return the text
   */
  public static String text(ObservabilityReport r) {
    // Names come from the log, which anything may have written: a control character in one (a
    // line break, a terminal's escape sequence) is shown escaped, never obeyed.
    StringBuilder b = new StringBuilder();
    b.append("AgentKeel report ").append(r.from()).append(" .. ").append(r.to()).append('\n');
    b.append("\n1. Task completion without human intervention: ")
        .append(r.taskCount() == 0 ? "no tasks" : pct(r.completionRate()) + " of " + r.taskCount())
        .append(r.taskCount() == 0 ? " in this window\n" : " tasks\n");
    for (String o : outcomeKeys(r.tasks())) {
      b.append(
          String.format(
              Locale.ROOT, "   %-14s %6d%n", printable(o), r.tasks().getOrDefault(o, 0L)));
    }
    if (!r.resumed().isEmpty()) {
      b.append("   after review: ").append(printable(r.resumed())).append('\n');
    }
    var c = r.confidence();
    b.append("\n2. Confidence: ")
        .append(c.count())
        .append(
            c.count() == 0
                ? " scored\n"
                : String.format(Locale.ROOT, " scored, mean %.3f%n", c.mean()));
    for (int i = 0; i < c.bins().size(); i++) {
      if (c.bins().get(i) > 0) {
        b.append(
            String.format(
                Locale.ROOT,
                "   [%.2f, %.2f) %6d%n",
                i / (double) ReportAggregator.BINS,
                (i + 1) / (double) ReportAggregator.BINS,
                c.bins().get(i)));
      }
    }
    c.thresholds()
        .forEach((w, t) ->
            b.append("   thresholds of ")
                .append(printable(w))
                .append(": auto-complete ")
                .append(t.get(0))
                .append(", review ")
                .append(t.get(1))
                .append('\n'));
    b.append("\n3. Tool usage\n");
    r.tools().calls().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e ->
            b.append("   ")
                .append(printable(e.getKey()))
                .append(' ')
                .append(printable(e.getValue()))
                .append('\n'));
    b.append("   never called: ").append(printable(r.tools().neverCalled())).append('\n');
    b.append("\n4. Errors: ").append(String.format(Locale.ROOT, "%.3f", r.errorRate()));
    b.append(" per task\n");
    for (ErrorCategory e : ErrorCategory.values()) {
      b.append(
          String.format(
              Locale.ROOT, "   %-11s %6d%n", e.tag(), r.errors().getOrDefault(e.tag(), 0L)));
    }
    var m = r.models();
    b.append("\n5. Model calls: ")
        .append(m.calls())
        .append(" (")
        .append(m.failures())
        .append(" failed), tokens in ")
        .append(m.inputTokens())
        .append(" out ")
        .append(m.outputTokens())
        .append(String.format(Locale.ROOT, ", mean latency %.1f ms%n", m.meanLatencyMs()));
    var f = r.feedback();
    // A share of nothing is not 0 %: without ratings there is no satisfaction to report.
    b.append("\n6. User satisfaction: ")
        .append(f.up() + f.down() == 0 ? "no ratings" : pct(f.satisfaction()))
        .append(" (")
        .append(f.up())
        .append(" up, ")
        .append(f.down())
        .append(" down)\n");
    return b.toString();
  }

  private static String counts(Map<String, Long> counts, List<String> keys) {
    StringBuilder b = new StringBuilder("{");
    boolean first = true;
    for (String k : keys) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append(Json.quote(k)).append(':').append(counts.getOrDefault(k, 0L));
    }
    return b.append('}').toString();
  }

  /**
   * The report as JSON.
   *
   * @param r the report
   * @return one JSON object
   */
  public static String json(ObservabilityReport r) {
    Json.ObjectWriter w =
        new Json.ObjectWriter()
            .string("from", r.from().toString())
            .string("to", r.to().toString())
            .number("tasks_total", r.taskCount())
            .number("completion_rate", r.completionRate())
            .raw("tasks", counts(r.tasks(), outcomeKeys(r.tasks())))
            .raw(
                "resumed",
                counts(r.resumed(), new ArrayList<>(new TreeSet<>(r.resumed().keySet()))));
    StringBuilder slices = new StringBuilder("[");
    for (int i = 0; i < r.outcomesOverTime().size(); i++) {
      var s = r.outcomesOverTime().get(i);
      if (i > 0) {
        slices.append(',');
      }
      slices.append(
          new Json.ObjectWriter()
              .string("start", s.start().toString())
              .raw("outcomes", counts(s.outcomes(), outcomeKeys(s.outcomes())))
              .end());
    }
    w.raw("outcomes_over_time", slices.append(']').toString());
    var c = r.confidence();
    StringBuilder thresholds = new StringBuilder("{");
    boolean first = true;
    for (var e : new java.util.TreeMap<>(c.thresholds()).entrySet()) {
      if (!first) {
        thresholds.append(',');
      }
      first = false;
      thresholds
          .append(Json.quote(e.getKey()))
          .append(':')
          .append(
              new Json.ObjectWriter()
                  .number("auto_complete", e.getValue().get(0))
                  .number("review", e.getValue().get(1))
                  .end());
    }
    w.raw(
        "confidence",
        new Json.ObjectWriter()
            .number("count", c.count())
            .number("mean", c.mean())
            .raw("bins", c.bins().toString().replace(" ", ""))
            .raw("thresholds", thresholds.append('}').toString())
            .end());
    StringBuilder tools = new StringBuilder("{");
    first = true;
    for (var e : new java.util.TreeMap<>(r.tools().calls()).entrySet()) {
      if (!first) {
        tools.append(',');
      }
      first = false;
      tools
          .append(Json.quote(e.getKey()))
          .append(':')
          .append(counts(e.getValue(), new ArrayList<>(new TreeSet<>(e.getValue().keySet()))));
    }
    w.raw(
        "tools",
        new Json.ObjectWriter()
            .raw("calls", tools.append('}').toString())
            .strings("never_called", r.tools().neverCalled())
            .end());
    List<String> categories = new ArrayList<>();
    for (ErrorCategory e : ErrorCategory.values()) {
      categories.add(e.tag());
    }
    w.number("error_rate", r.errorRate()).raw("errors", counts(r.errors(), categories));
    var m = r.models();
    w.raw(
        "models",
        new Json.ObjectWriter()
            .number("calls", m.calls())
            .number("failures", m.failures())
            .number("input_tokens", m.inputTokens())
            .number("output_tokens", m.outputTokens())
            .number("mean_latency_ms", m.meanLatencyMs())
            .end());
    var f = r.feedback();
    w.raw(
        "feedback",
        new Json.ObjectWriter()
            .number("up", f.up())
            .number("down", f.down())
            .number("satisfaction", f.satisfaction())
            .end());
    return w.number("lines_read", r.linesRead()).number("lines_skipped", r.linesSkipped()).end();
  }

  /**
   * The report as a self-contained HTML page.
   *
   * @param r the report
   * @return the page
   */
  public static String html(ObservabilityReport r) {
    return HtmlReport.render(r);
  }

  static String outcomeColour(String outcome) {
    return OUTCOME_COLOURS.getOrDefault(outcome, "#777777");
  }
}
