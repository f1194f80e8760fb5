package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decision log with malformed or hostile lines: each is skipped and counted, never fatal. */
class ReportHostileLinesTest {

  private static final Instant FROM = Instant.parse("2030-01-01T09:00:00Z");
  private static final Instant TO = Instant.parse("2030-01-01T11:00:00Z");
  private static final String GOOD =
      "{\"schema\":\"agentkeel.decision.v1\",\"ts\":\"2030-01-01T10:00:00Z\","
          + "\"event\":\"task_finished\",\"action\":\"finish_task\",\"task_id\":\"t\","
          + "\"run_id\":\"r\",\"workflow\":\"w\",\"outcome\":\"completed\",\"resumed\":false}";

  @Test
  void aLineWithTheSchemaButNoTimestampIsSkipped() {
    List<String> lines =
        List.of(GOOD, "{\"schema\":\"agentkeel.decision.v1\",\"event\":\"task_finished\"}");
    assertThatCode(() -> ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO))
        .doesNotThrowAnyException();
    ObservabilityReport r = ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO);
    assertThat(r.linesSkipped()).isEqualTo(1);
    assertThat(r.taskCount()).isEqualTo(1);
  }

  @Test
  void numbersTheDecisionLogNeverWritesSkipTheirLine() {
    String head =
        "{\"schema\":\"agentkeel.decision.v1\",\"ts\":\"2030-01-01T10:00:00Z\",\"task_id\":\"t\","
            + "\"run_id\":\"r\",\"workflow\":\"w\",";
    List<String> lines =
        List.of(
            GOOD,
            head
                + "\"event\":\"routed\",\"action\":\"route\",\"route\":\"auto_complete\","
                + "\"confidence\":0.9}",
            head
                + "\"event\":\"routed\",\"action\":\"route\",\"route\":\"auto_complete\","
                + "\"confidence\":1e400}",
            head
                + "\"event\":\"model_called\",\"action\":\"call_model\",\"model\":\"m\","
                + "\"step\":1,\"latency_ms\":5,\"tokens_input\":10,\"tokens_output\":5}",
            head
                + "\"event\":\"model_called\",\"action\":\"call_model\",\"model\":\"m\","
                + "\"step\":1,\"latency_ms\":-3,\"tokens_input\":-1000000,\"tokens_output\":5}",
            head
                + "\"event\":\"model_called\",\"action\":\"call_model\",\"model\":\"m\","
                + "\"step\":1,\"latency_ms\":\"slow\",\"tokens_input\":10,\"tokens_output\":5}");

    ObservabilityReport r = ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO);

    // Before: the mean confidence was infinite and a million negative tokens were added.
    assertThat(r.linesSkipped()).isEqualTo(3);
    assertThat(r.confidence().mean()).isEqualTo(0.9);
    assertThat(r.models().calls()).isEqualTo(1);
    assertThat(r.models().inputTokens()).isEqualTo(10);
    assertThat(r.models().meanLatencyMs()).isEqualTo(5.0);
  }

  @Test
  void tokenCountsTheDecisionLogNeverWritesCannotTurnTheTotalNegative() {
    String head =
        "{\"schema\":\"agentkeel.decision.v1\",\"ts\":\"2030-01-01T10:00:00Z\",\"task_id\":\"t\","
            + "\"run_id\":\"r\",\"workflow\":\"w\",\"event\":\"model_called\",\"action\":\"call_model\","
            + "\"model\":\"m\",\"step\":1,\"latency_ms\":5,";
    List<String> lines =
        List.of(
            GOOD,
            head + "\"tokens_input\":10,\"tokens_output\":5}",
            head + "\"tokens_input\":9000000000000000000,\"tokens_output\":5}",
            head + "\"tokens_input\":9000000000000000000,\"tokens_output\":5}",
            head + "\"tokens_input\":1e300,\"tokens_output\":2.5}");

    ObservabilityReport r = ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO);

    // Before: the two huge counts wrapped the long total around to a negative number, and a count
    // of 1e300 (the schema says an integer) was read as Long.MAX_VALUE.
    assertThat(r.linesSkipped()).isEqualTo(1);
    assertThat(r.models().calls()).isEqualTo(3);
    assertThat(r.models().inputTokens()).isEqualTo(Long.MAX_VALUE);
    assertThat(r.models().outputTokens()).isEqualTo(15);
  }

  @Test
  void theThresholdsShownAreTheLatestInTheWindowWhateverTheLinesOrder() {
    String head =
        "{\"schema\":\"agentkeel.decision.v1\",\"task_id\":\"t\",\"run_id\":\"r\","
            + "\"workflow\":\"w\",\"event\":\"routed\",\"action\":\"route_review\","
            + "\"route\":\"review\",\"confidence\":0.7,";
    // Rotated files read newest first (cat app.log app.log.1): the thresholds were raised at 10:30.
    List<String> lines =
        List.of(
            head
                + "\"ts\":\"2030-01-01T10:45:00Z\",\"threshold_auto_complete\":0.9,"
                + "\"threshold_review\":0.6}",
            head
                + "\"ts\":\"2030-01-01T10:00:00Z\",\"threshold_auto_complete\":0.8,"
                + "\"threshold_review\":0.5}");

    ObservabilityReport r = ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO);

    // Before: the last line read won, so the page drew thresholds no longer in force.
    assertThat(r.confidence().thresholds()).containsEntry("w", List.of(0.9, 0.6));
  }

  @Test
  void controlCharactersInNamesAreShownEscapedInTheText() {
    String head =
        "{\"schema\":\"agentkeel.decision.v1\",\"ts\":\"2030-01-01T10:00:00Z\",\"task_id\":\"t\","
            + "\"run_id\":\"r\",\"workflow\":\"w\\u001b]0;owned\\u0007\",";
    List<String> lines =
        List.of(
            GOOD,
            head
                + "\"event\":\"tool_called\",\"action\":\"call_tool\",\"result\":\"success\","
                + "\"tool\":\"evil\\u001b[2J\\n6. User satisfaction: 100.0%\"}",
            head
                + "\"event\":\"routed\",\"action\":\"route\",\"route\":\"review\","
                + "\"confidence\":0.5,\"threshold_auto_complete\":0.8,\"threshold_review\":0.4}");

    String text = ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO).toText();

    // Before: the escape sequences reached the terminal and the tool name printed a line of its
    // own, claiming full satisfaction.
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007");
    assertThat(text).contains("evil\\u001b[2J\\u000a6. User satisfaction: 100.0%");
    assertThat(text).contains("thresholds of w\\u001b]0;owned\\u0007");
    assertThat(text.lines().filter(l -> l.startsWith("6. User satisfaction"))).hasSize(1);
  }

  @Test
  void bidirectionalOverridesInNamesAreShownEscapedInTheText() {
    String head =
        "{\"schema\":\"agentkeel.decision.v1\",\"ts\":\"2030-01-01T10:00:00Z\",\"task_id\":\"t\","
            + "\"run_id\":\"r\",\"workflow\":\"w\",";
    List<String> lines =
        List.of(
            GOOD,
            head
                + "\"event\":\"tool_called\",\"action\":\"call_tool\",\"result\":\"success\","
                + "\"tool\":\"refund\u202e\u2066lla_ecnalab\u2069\u200b\"}");

    String text = ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO).toText();

    // Before: a right-to-left override made the tool's name read backwards on screen, as
    // 'refund' followed by 'balance_all'.
    assertThat(text).doesNotContain("\u202e").doesNotContain("\u2066").doesNotContain("\u200b");
    assertThat(text).contains("refund\\u202e\\u2066lla_ecnalab\\u2069\\u200b");
  }

  @Test
  void bidirectionalOverridesAndControlCharactersInNamesAreShownEscapedOnThePage() {
    String head =
        "{\"schema\":\"agentkeel.decision.v1\",\"ts\":\"2030-01-01T10:00:00Z\",\"task_id\":\"t\","
            + "\"run_id\":\"r\",";
    List<String> lines =
        List.of(
            GOOD,
            head
                + "\"workflow\":\"w\",\"event\":\"tool_called\",\"action\":\"call_tool\","
                + "\"result\":\"success\",\"tool\":\"refund\u202e\u2066lla_ecnalab\u2069\"}",
            head
                + "\"workflow\":\"ops\u202e\\u0000\",\"event\":\"routed\",\"action\":\"route\","
                + "\"route\":\"review\",\"confidence\":0.5,\"threshold_auto_complete\":0.8,"
                + "\"threshold_review\":0.4}");

    String html = ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO).toHtml();

    // Before: the page printed them as read, so the tool's name read 'refund' then
    // 'balance_all', and the override in the workflow's name turned the threshold's label after
    // it around ('0.80' read '08.0').
    assertThat(html).doesNotContain("\u202e").doesNotContain("\u2066").doesNotContain("\u0000");
    assertThat(html).contains("refund\\u202e\\u2066lla_ecnal").contains("auto ops\\u202e\\u0000");
  }

  @Test
  void aDeeplyNestedLineIsSkipped() {
    String hostile = "{\"a\":" + "[".repeat(100_000);
    List<String> lines = List.of(GOOD, hostile);
    assertThatCode(() -> ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO))
        .doesNotThrowAnyException();
  }

  @Test
  void aWindowOfSeveralCenturiesIsAccepted() {
    ObservabilityReport r =
        ObservabilityReport.fromDecisionLog(
            List.of(GOOD).stream(), Instant.EPOCH, Instant.parse("2400-01-01T00:00:00Z"));
    assertThat(r.taskCount()).isEqualTo(1);
    assertThatCode(() -> List.of(r.toText(), r.toJson(), r.toHtml())).doesNotThrowAnyException();
  }

  @Test
  void allOfTimeIsAWindowToo() {
    ObservabilityReport r =
        ObservabilityReport.fromDecisionLog(List.of(GOOD).stream(), Instant.MIN, Instant.MAX);
    assertThat(r.taskCount()).isEqualTo(1);
    assertThatCode(() -> List.of(r.toText(), r.toJson(), r.toHtml())).doesNotThrowAnyException();
  }

  @Test
  void aLogPrefixHoldingABraceDoesNotHideTheLine() {
    // Log4j2's %X (the MDC) prints {key=value} before the message.
    List<String> lines =
        List.of("2030-01-01 10:00:00 INFO {tenant=acme} io.agentkeel.decisions - " + GOOD);
    ObservabilityReport r = ObservabilityReport.fromDecisionLog(lines.stream(), FROM, TO);
    assertThat(r.linesSkipped()).isZero();
    assertThat(r.taskCount()).isEqualTo(1);
  }

  @Test
  void anApplicationLogWithOneLatin1LineFromAnotherLoggerStillGivesAReport(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("app.log");
    byte[] other =
        "2030-01-01 10:00:00 INFO some.other.Logger - caf\u00e9 opened\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[other.length + good.length];
    System.arraycopy(other, 0, all, 0, other.length);
    System.arraycopy(good, 0, all, other.length, good.length);
    Files.write(log, all);
    ObservabilityReport r = ObservabilityReport.fromDecisionLog(log, FROM, TO);
    assertThat(r.taskCount()).isEqualTo(1);
    assertThat(r.linesSkipped()).isEqualTo(1);
  }
}
