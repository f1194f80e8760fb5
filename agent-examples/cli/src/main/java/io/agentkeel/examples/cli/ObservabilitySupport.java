package io.agentkeel.examples.cli;

import io.agentkeel.examples.internal.DecisionLogFile;
import io.agentkeel.observability.Feedback;
import io.agentkeel.observability.Observability;
import io.agentkeel.observability.ObservabilityReport;
import io.agentkeel.observability.Rating;
import io.agentkeel.security.PiiDetector;
import io.agentkeel.security.PiiOutputFilter;
import io.agentkeel.security.RedactionStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * agent-observability's part of the command line: feedback written to the decision log in {@code
 * DATA_DIR/decisions.jsonl} (where the agents' events go too), and {@link ObservabilityReport}
 * computed from that file.
 */
public final class ObservabilitySupport implements CommandSupport {

  /** Found by ServiceLoader; opens nothing until asked. */
  public ObservabilitySupport() {}

  @Override
  public String module() {
    return "agent-observability";
  }

  @Override
  public Optional<FeedbackRecorder> feedback(Path dataDir) {
    DecisionLogFile.routeTo(Support.decisionLog(dataDir));
    // In a process of its own no agent installed observability: build one whose comments pass the
    // same PII filter as the agents' output.
    Observability observability =
        Observability.installed()
            .orElseGet(() ->
                Observability.builder()
                    .outputFilters(
                        List.of(
                            new PiiOutputFilter(
                                PiiDetector.defaults(), RedactionStyle.PLACEHOLDER, Map.of())))
                    .build());
    Feedback feedback = observability.feedback();
    return Optional.of((taskId, up, comment) -> {
      feedback.record(taskId, up ? Rating.UP : Rating.DOWN, comment);
      // The line is written on the decision log's thread: the command's process ends right
      // after this, so it waits for the line before saying it was recorded.
      observability.listener().flush();
    });
  }

  @Override
  public Optional<Reporter> reporter(Path dataDir, Instant from) {
    Path file = Support.decisionLog(dataDir);
    Instant to = Instant.now().plusMillis(1);
    ObservabilityReport report =
        Files.exists(file)
            ? ObservabilityReport.fromDecisionLog(file, from, to)
            : ObservabilityReport.fromDecisionLog(Stream.empty(), from, to);
    return Optional.of(
        new Reporter() {
          @Override
          public String text() {
            return report.toText();
          }

          @Override
          public String json() {
            return report.toJson();
          }

          @Override
          public String html() {
            return report.toHtml();
          }
        });
  }
}
