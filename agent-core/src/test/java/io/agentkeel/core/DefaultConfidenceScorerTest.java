package io.agentkeel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agentkeel.api.Confidence;
import io.agentkeel.api.ConfidenceSignals;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultConfidenceScorerTest {

  private final DefaultConfidenceScorer scorer = new DefaultConfidenceScorer();

  @Test
  void aCleanRunKeepsTheReportedConfidence() {
    Confidence confidence =
        scorer.score(new ConfidenceSignals(Optional.of(0.9), "sure", 0, 0, 0, 2), null);

    assertThat(confidence.value()).isEqualTo(0.9);
    assertThat(confidence.summary()).isEqualTo("sure");
  }

  @Test
  void errorsRetriesAndFailedValidationsLowerIt() {
    Confidence confidence =
        scorer.score(new ConfidenceSignals(Optional.of(0.9), "sure", 1, 1, 1, 4), null);

    assertThat(confidence.value()).isCloseTo(0.9 - 0.1 - 0.05 - 0.15, within(1e-9));
    assertThat(confidence.summary()).contains("1 tool error(s)").contains("1 failed validation(s)");
  }

  @Test
  void toolErrorPenaltyIsCappedAndTheScoreNeverLeavesTheUnitRange() {
    assertThat(scorer.score(new ConfidenceSignals(Optional.of(1.0), "", 10, 0, 0, 1), null).value())
        .isCloseTo(0.7, within(1e-9));
    assertThat(scorer.score(new ConfidenceSignals(Optional.of(0.1), "", 3, 5, 5, 9), null).value())
        .isZero();
  }

  @Test
  void anUnreportedConfidenceStartsInTheReviewBand() {
    Confidence confidence =
        scorer.score(new ConfidenceSignals(Optional.empty(), "", 0, 0, 0, 1), null);

    assertThat(confidence.value()).isEqualTo(DefaultConfidenceScorer.UNREPORTED);
    assertThat(confidence.summary()).contains("reported no confidence");
  }
}
