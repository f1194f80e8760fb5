package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ConfidenceThresholdsTest {

  @Test
  void defaultsAreEightyFiveAndFifty() {
    assertThat(ConfidenceThresholds.DEFAULT.autoComplete()).isEqualTo(0.85);
    assertThat(ConfidenceThresholds.DEFAULT.review()).isEqualTo(0.5);
  }

  @Test
  void routesAtAndAroundBothThresholds() {
    ConfidenceThresholds thresholds = new ConfidenceThresholds(0.85, 0.5);

    assertThat(thresholds.route(1.0)).isEqualTo(Route.AUTO_COMPLETE);
    assertThat(thresholds.route(Math.nextUp(0.85))).isEqualTo(Route.AUTO_COMPLETE);
    assertThat(thresholds.route(0.85)).isEqualTo(Route.AUTO_COMPLETE);
    assertThat(thresholds.route(Math.nextDown(0.85))).isEqualTo(Route.REVIEW);
    assertThat(thresholds.route(0.7)).isEqualTo(Route.REVIEW);
    assertThat(thresholds.route(Math.nextUp(0.5))).isEqualTo(Route.REVIEW);
    assertThat(thresholds.route(0.5)).isEqualTo(Route.REVIEW);
    assertThat(thresholds.route(Math.nextDown(0.5))).isEqualTo(Route.ESCALATE);
    assertThat(thresholds.route(0.0)).isEqualTo(Route.ESCALATE);
  }

  @Test
  void equalThresholdsLeaveNoReviewBand() {
    ConfidenceThresholds thresholds = new ConfidenceThresholds(0.7, 0.7);

    assertThat(thresholds.route(0.7)).isEqualTo(Route.AUTO_COMPLETE);
    assertThat(thresholds.route(Math.nextDown(0.7))).isEqualTo(Route.ESCALATE);
  }

  @Test
  void extremeThresholdsAreAllowed() {
    ConfidenceThresholds onlyCertainCompletes = new ConfidenceThresholds(1.0, 0.0);
    assertThat(onlyCertainCompletes.route(1.0)).isEqualTo(Route.AUTO_COMPLETE);
    assertThat(onlyCertainCompletes.route(Math.nextDown(1.0))).isEqualTo(Route.REVIEW);
    assertThat(onlyCertainCompletes.route(0.0)).isEqualTo(Route.REVIEW);

    ConfidenceThresholds everythingCompletes = new ConfidenceThresholds(0.0, 0.0);
    assertThat(everythingCompletes.route(0.0)).isEqualTo(Route.AUTO_COMPLETE);
  }

  @ParameterizedTest
  @CsvSource({
    "0.5, 0.6",
    "0.85, -0.01",
    "1.01, 0.5",
    "-0.1, -0.2",
    "NaN, 0.5",
    "0.85, NaN",
    "Infinity, 0.5"
  })
  void rejectsThresholdsOutOfOrderOrRange(double autoComplete, double review) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ConfidenceThresholds(autoComplete, review))
        .withMessage(
            "thresholds need 0 <= review <= autoComplete <= 1, got review="
                + review
                + " autoComplete="
                + autoComplete);
  }

  /** A pair 0 <= review <= autoComplete <= 1, often on the edges. */
  static Gen<ConfidenceThresholds> thresholds() {
    Gen<Double> fraction =
        doubles().between(0.0, 1.0).mix(Generate.pick(List.of(0.0, 0.5, 1.0)), 20);
    return fraction.zip(
        fraction, (x, y) -> new ConfidenceThresholds(Math.max(x, y), Math.min(x, y)));
  }

  @Test
  void routeFollowsTheThresholdsForEveryValue() {
    // Half the values sit exactly on, or one ulp beside, a threshold.
    qt().forAll(thresholds(), integers().between(0, 11), doubles().between(0.0, 1.0))
        .checkAssert((t, pick, random) -> {
          double v =
              switch (pick) {
                case 0 -> t.autoComplete();
                case 1 -> Math.nextDown(t.autoComplete());
                case 2 -> Math.nextUp(t.autoComplete());
                case 3 -> t.review();
                case 4 -> Math.nextDown(t.review());
                case 5 -> Math.nextUp(t.review());
                default -> random;
              };
          double value = Math.min(1.0, Math.max(0.0, v));
          Route expected =
              value >= t.autoComplete()
                  ? Route.AUTO_COMPLETE
                  : value >= t.review() ? Route.REVIEW : Route.ESCALATE;
          Route route = t.route(value);

          assertThat(route).as("route(%s) with %s", value, t).isEqualTo(expected);
          assertThat(route == Route.AUTO_COMPLETE).isEqualTo(value >= t.autoComplete());
          assertThat(route == Route.REVIEW)
              .isEqualTo(t.review() <= value && value < t.autoComplete());
          assertThat(route == Route.ESCALATE).isEqualTo(value < t.review());
        });
  }

  @Test
  void everyOrderedPairInRangeIsAcceptedAndEveryReversedPairRejected() {
    qt().forAll(doubles().between(0.0, 1.0), doubles().between(0.0, 1.0))
        .check((x, y) -> {
          boolean accepted;
          try {
            new ConfidenceThresholds(x, y);
            accepted = true;
          } catch (IllegalArgumentException e) {
            accepted = false;
          }
          return accepted == (y <= x);
        });
  }
}
