package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfidenceTest {

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5, 1.0, Double.MIN_VALUE})
  void acceptsValuesFromZeroToOne(double value) {
    Confidence confidence = new Confidence(value, "found the order");

    assertThat(confidence.value()).isEqualTo(value);
    assertThat(confidence.summary()).isEqualTo("found the order");
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        -0.01,
        1.01,
        -1.0,
        2.0,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY
      })
  void rejectsValuesOutsideZeroToOneAndNaN(double value) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Confidence(value, ""))
        .withMessage("confidence must be within [0, 1], was " + value);
  }

  @Test
  void rejectsJustBeyondTheBounds() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Confidence(Math.nextUp(1.0), ""));
    assertThatIllegalArgumentException().isThrownBy(() -> new Confidence(Math.nextDown(0.0), ""));
  }

  @Test
  void rejectsANullSummary() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Confidence(0.5, null))
        .withMessage("summary");
  }
}
