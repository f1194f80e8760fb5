package io.agentkeel.tools.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ArgumentViolationTest {

  @Test
  void rendersPathExpectationAndActualValueOnOneLine() {
    ArgumentViolation violation =
        new ArgumentViolation("$.date_range_days", "an integer at most 365", "400");

    assertThat(violation)
        .hasToString("$.date_range_days: expected an integer at most 365, got 400");
  }

  @Test
  void rejectsNullComponentsNamingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ArgumentViolation(null, "a string", "1"))
        .withMessage("path");
    assertThatNullPointerException()
        .isThrownBy(() -> new ArgumentViolation("$.a", null, "1"))
        .withMessage("expected");
    assertThatNullPointerException()
        .isThrownBy(() -> new ArgumentViolation("$.a", "a string", null))
        .withMessage("actual");
  }
}
