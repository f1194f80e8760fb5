package io.agentkeel.observability.internal;

import io.agentkeel.api.PrintableText;
import io.agentkeel.observability.ErrorCategory;
import io.agentkeel.observability.ObservabilityReport;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report as one HTML page: summary cards and four hand-drawn inline SVG charts at fixed places.
 * No script, no font or style sheet from anywhere: it renders offline.
 */
final class HtmlReport {

  private static final int W = ReportRenderer.CHART_WIDTH;
  private static final int H = ReportRenderer.CHART_HEIGHT;
  private static final int LEFT = 56;
  private static final int RIGHT = 20;
  private static final int TOP = 44;
  private static final int BOTTOM = 56;
  private static final int PLOT_W = W - LEFT - RIGHT;
  private static final int PLOT_H = H - TOP - BOTTOM;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** What a card shows for a share of nothing: no tasks, no scored answers, no ratings. */
  static final String NONE = "\u2014";

  private HtmlReport() {}

  static String render(ObservabilityReport r) {
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>AgentKeel report</title><style>")
        .append("body{margin:0;width:1280px;height:960px;position:relative;background:#fff;")
        .append("font-family:sans-serif;color:#222}")
        .append("h1{position:absolute;left:20px;top:8px;margin:0;font-size:22px}")
        .append(".window{position:absolute;left:20px;top:40px;font-size:13px;color:#555}")
        .append(".cards{position:absolute;left:20px;top:70px;display:flex;gap:12px}")
        .append(".card{width:230px;height:100px;border:1px solid #ccc;border-radius:6px;")
        .append("padding:8px;box-sizing:border-box}")
        .append(".card b{display:block;font-size:26px;margin-top:6px}")
        .append(".card span{font-size:12px;color:#555}")
        .append("svg{position:absolute;border:1px solid #ddd}")
        .append("text{font-family:sans-serif}")
        .append("</style></head><body>\n");
    b.append("<h1>AgentKeel: how the agents are doing</h1>");
    b.append("<div class=\"window\">")
        .append(esc(r.from().toString()))
        .append(" to ")
        .append(esc(r.to().toString()))
        .append(" &middot; ")
        .append(r.linesRead())
        .append(" decision log lines</div>\n<div class=\"cards\">");
    // A share of nothing is shown as a dash, not as 0.
    card(
        b,
        "Completed without a person",
        r.taskCount() == 0 ? NONE : pct(r.completionRate()),
        r.taskCount() + " tasks");
    card(
        b,
        "Mean confidence",
        r.confidence().count() == 0
            ? NONE
            : String.format(Locale.ROOT, "%.2f", r.confidence().mean()),
        r.confidence().count() + " answers scored");
    long toolCalls =
        r.tools().calls().values().stream()
            .flatMap(m -> m.values().stream())
            .mapToLong(Long::longValue)
            .sum();
    card(
        b,
        "Tool calls",
        Long.toString(toolCalls),
        r.tools().neverCalled().size() + " offered tools never called");
    card(
        b,
        "Errors per task",
        String.format(Locale.ROOT, "%.2f", r.errorRate()),
        r.models().inputTokens() + r.models().outputTokens() + " model tokens");
    card(
        b,
        "User satisfaction",
        r.feedback().up() + r.feedback().down() == 0 ? NONE : pct(r.feedback().satisfaction()),
        r.feedback().up() + " up, " + r.feedback().down() + " down");
    b.append("</div>\n");
    confidence(b, r.confidence());
    outcomes(b, r.outcomesOverTime());
    tools(b, r.tools());
    errors(b, r.errors());
    b.append("</body></html>\n");
    return b.toString();
  }

  private static void card(StringBuilder b, String title, String value, String note) {
    b.append("<div class=\"card\"><span>")
        .append(esc(title))
        .append("</span><b>")
        .append(esc(value))
        .append("</b><span>")
        .append(esc(note))
        .append("</span></div>");
  }

  private static void open(StringBuilder b, String id, String title) {
    int[] at = ReportRenderer.CHARTS.get(id);
    b.append("<svg id=\"")
        .append(id)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" style=\"left:")
        .append(at[0])
        .append("px;top:")
        .append(at[1])
        .append("px\" role=\"img\" aria-label=\"")
        .append(esc(title))
        .append("\">")
        .append("<text x=\"12\" y=\"24\" font-size=\"15\" font-weight=\"bold\">")
        .append(esc(title))
        .append("</text>");
    // Axes.
    line(b, LEFT, TOP + PLOT_H, LEFT + PLOT_W, TOP + PLOT_H, "#888888", 1, false);
    line(b, LEFT, TOP, LEFT, TOP + PLOT_H, "#888888", 1, false);
  }

  private static void close(StringBuilder b) {
    b.append("</svg>\n");
  }

  private static void yAxis(StringBuilder b, long max) {
    for (int i = 0; i <= 4; i++) {
      double y = TOP + PLOT_H - PLOT_H * i / 4.0;
      text(b, LEFT - 6, y + 4, "end", 11, fmt(max * i / 4.0));
    }
  }

  private static void confidence(StringBuilder b, ObservabilityReport.ConfidenceHistogram c) {
    open(b, "chart-confidence", "Confidence of answers vs. thresholds");
    long max = Math.max(1, c.bins().stream().mapToLong(Long::longValue).max().orElse(1));
    yAxis(b, max);
    int n = c.bins().size();
    double bw = PLOT_W / (double) n;
    for (int i = 0; i < n; i++) {
      long v = c.bins().get(i);
      double h = PLOT_H * v / (double) max;
      rect(b, LEFT + i * bw + 1, TOP + PLOT_H - h, bw - 2, h, "#3b7dd8", i + ": " + v);
    }
    for (int i = 0; i <= 10; i += 2) {
      text(b, LEFT + PLOT_W * i / 10.0, TOP + PLOT_H + 16, "middle", 11, fmt(i / 10.0));
    }
    TreeMap<Double, String> lines = new TreeMap<>();
    c.thresholds()
        .forEach((workflow, t) -> {
          lines.merge(t.get(0), "auto " + workflow, (a, x) -> a + ", " + x);
          lines.merge(t.get(1), "review " + workflow, (a, x) -> a + ", " + x);
        });
    int k = 0;
    for (var e : lines.entrySet()) {
      double x = LEFT + PLOT_W * e.getKey();
      line(b, x, TOP - 4, x, TOP + PLOT_H, "#d0312d", 2, true);
      boolean right = e.getKey() > 0.7;
      text(
          b,
          right ? x - 3 : x + 3,
          TOP + 10 + 12 * (k++ % 3),
          right ? "end" : "start",
          10,
          e.getValue() + " " + fmt(e.getKey()));
    }
    text(b, LEFT + PLOT_W / 2.0, H - 12, "middle", 12, "confidence (dashed: thresholds)");
    close(b);
  }

  private static void outcomes(StringBuilder b, List<ObservabilityReport.TimeSlice> slices) {
    open(b, "chart-outcomes", "Outcomes over time");
    long max = 1;
    for (var s : slices) {
      max = Math.max(max, s.outcomes().values().stream().mapToLong(Long::longValue).sum());
    }
    yAxis(b, max);
    double bw = PLOT_W / (double) Math.max(1, slices.size());
    for (int i = 0; i < slices.size(); i++) {
      var s = slices.get(i);
      double y = TOP + PLOT_H;
      for (String o : ReportRenderer.OUTCOMES) {
        long v = s.outcomes().getOrDefault(o, 0L);
        if (v == 0) {
          continue;
        }
        double h = PLOT_H * v / (double) max;
        y -= h;
        rect(b, LEFT + i * bw + 2, y, bw - 4, h, ReportRenderer.outcomeColour(o), o + ": " + v);
      }
      if (i % 3 == 0) {
        text(b, LEFT + i * bw + 2, TOP + PLOT_H + 16, "start", 10, time(s.start()));
      }
    }
    double lx = LEFT;
    for (String o : ReportRenderer.OUTCOMES) {
      rect(b, lx, H - 24, 10, 10, ReportRenderer.outcomeColour(o), o);
      text(b, lx + 14, H - 15, "start", 11, o);
      lx += 88;
    }
    close(b);
  }

  private static void tools(StringBuilder b, ObservabilityReport.ToolUsage usage) {
    open(b, "chart-tools", "Tool usage (red: failed calls)");
    List<String> names = new ArrayList<>(new TreeSet<>(usage.calls().keySet()));
    names.addAll(usage.neverCalled());
    int shown = Math.min(names.size(), 12);
    long max = 1;
    for (var m : usage.calls().values()) {
      max = Math.max(max, m.values().stream().mapToLong(Long::longValue).sum());
    }
    double rowH = PLOT_H / (double) Math.max(shown, 1);
    int labelW = 130;
    double barW = PLOT_W - labelW + LEFT - 40;
    for (int i = 0; i < shown; i++) {
      String tool = names.get(i);
      double y = TOP + i * rowH;
      Map<String, Long> calls = usage.calls().getOrDefault(tool, Map.of());
      long ok = calls.getOrDefault("success", 0L);
      long failed = calls.values().stream().mapToLong(Long::longValue).sum() - ok;
      text(b, 8, y + rowH / 2 + 4, "start", 11, abbreviate(tool, 20));
      double x = labelW;
      double okW = barW * ok / max;
      double failW = barW * failed / max;
      double h = Math.max(4, rowH - 6);
      rect(b, x, y + 3, okW, h, "#2e9d4f", tool + " success: " + ok);
      rect(b, x + okW, y + 3, failW, h, "#d0312d", tool + " failed: " + failed);
      if (ok + failed == 0) {
        text(b, x + 4, y + rowH / 2 + 4, "start", 11, "never called");
      } else {
        text(b, x + okW + failW + 4, y + rowH / 2 + 4, "start", 11, Long.toString(ok + failed));
      }
    }
    if (names.size() > shown) {
      text(b, LEFT, H - 12, "start", 11, (names.size() - shown) + " more tools not shown");
    }
    close(b);
  }

  private static void errors(StringBuilder b, Map<String, Long> errors) {
    open(b, "chart-errors", "Errors by category");
    ErrorCategory[] categories = ErrorCategory.values();
    long max = 1;
    for (ErrorCategory c : categories) {
      max = Math.max(max, errors.getOrDefault(c.tag(), 0L));
    }
    yAxis(b, max);
    double bw = PLOT_W / (double) categories.length;
    for (int i = 0; i < categories.length; i++) {
      long v = errors.getOrDefault(categories[i].tag(), 0L);
      double h = PLOT_H * v / (double) max;
      rect(
          b,
          LEFT + i * bw + 6,
          TOP + PLOT_H - h,
          bw - 12,
          h,
          "#d9622b",
          categories[i].tag() + ": " + v);
      text(b, LEFT + i * bw + bw / 2, TOP + PLOT_H + 16, "middle", 11, categories[i].tag());
      if (v > 0) {
        text(b, LEFT + i * bw + bw / 2, TOP + PLOT_H - h - 4, "middle", 11, Long.toString(v));
      }
    }
    close(b);
  }

  private static void rect(
      StringBuilder b, double x, double y, double w, double h, String fill, String title) {
    if (w <= 0 || h <= 0) {
      return;
    }
    b.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
                x,
                y,
                w,
                h,
                fill))
        .append("<title>")
        .append(esc(title))
        .append("</title></rect>");
  }

  private static void line(
      StringBuilder b,
      double x1,
      double y1,
      double x2,
      double y2,
      String stroke,
      int width,
      boolean dashed) {
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"%d\"%s/>",
            x1,
            y1,
            x2,
            y2,
            stroke,
            width,
            dashed ? " stroke-dasharray=\"6 4\"" : ""));
  }

  private static void text(
      StringBuilder b, double x, double y, String anchor, int size, String text) {
    b.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">",
                x,
                y,
                anchor,
                size))
        .append(esc(text))
        .append("</text>");
  }

  private static String fmt(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A slice's start on the axis; an instant beyond the calendar's years is shown as it is. */
  private static String time(Instant at) {
    try {
      return TIME.format(at);
    } catch (DateTimeException e) {
      return at.toString();
    }
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }

  /**
   * Text fit for the page: control and format characters (a right-to-left override, a zero-width
   * space) shown escaped as the text report shows them, since names come from the log, which
   * anything may have written; then the HTML markup characters as entities.
   */
  static String esc(String text) {
    String s = PrintableText.escape(text);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
