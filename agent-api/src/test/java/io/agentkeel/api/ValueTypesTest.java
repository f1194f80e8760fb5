package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The small values of the API: token counts, validation results, rate-limit decisions, verdicts.
 */
class ValueTypesTest {

  @Nested
  class TokenUsageTest {

    @Test
    void zeroHasNoTokens() {
      assertThat(TokenUsage.ZERO.input()).isZero();
      assertThat(TokenUsage.ZERO.output()).isZero();
      assertThat(TokenUsage.ZERO.total()).isZero();
    }

    @Test
    void totalAddsInputAndOutput() {
      assertThat(new TokenUsage(120, 30).total()).isEqualTo(150);
    }

    @Test
    void plusAddsEachCountSeparately() {
      TokenUsage sum = new TokenUsage(120, 30).plus(new TokenUsage(5, 7));

      assertThat(sum).isEqualTo(new TokenUsage(125, 37));
      assertThat(TokenUsage.ZERO.plus(sum)).isEqualTo(sum);
    }

    @Test
    void rejectsNegativeCounts() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> new TokenUsage(-1, 0))
          .withMessage("token counts must not be negative");
      assertThatIllegalArgumentException().isThrownBy(() -> new TokenUsage(0, -1));
    }
  }

  @Nested
  class ValidationResultTest {

    @Test
    void validHasNoProblems() {
      assertThat(ValidationResult.valid().isValid()).isTrue();
      assertThat(ValidationResult.valid().problems()).isEmpty();
    }

    @Test
    void invalidKeepsEveryProblemInOrder() {
      ValidationResult result = ValidationResult.invalid("no order number", "no date");

      assertThat(result.isValid()).isFalse();
      assertThat(result.problems()).containsExactly("no order number", "no date");
    }

    @Test
    void invalidNeedsAtLeastOneProblem() {
      assertThatIllegalArgumentException()
          .isThrownBy(ValidationResult::invalid)
          .withMessage("an invalid result needs at least one problem");
    }

    @Test
    void problemsAreACopyThatCannotBeChanged() {
      List<String> problems = new ArrayList<>(List.of("too long"));
      ValidationResult result = new ValidationResult(problems);
      problems.clear();

      assertThat(result.problems()).containsExactly("too long");
      assertThat(result.isValid()).isFalse();
      assertThatThrownBy(() -> result.problems().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class RateLimitDecisionTest {

    @Test
    void admittedIsOneValue() {
      assertThat(RateLimitDecision.admitted()).isSameAs(RateLimitDecision.ADMITTED);
      assertThat(RateLimitDecision.admitted()).isInstanceOf(RateLimitDecision.Admitted.class);
    }

    @Test
    void refusedSaysHowLongToWaitAndWhy() {
      RateLimitDecision decision =
          RateLimitDecision.refused(Duration.ofSeconds(30), "tokens per minute");

      assertThat(decision)
          .isEqualTo(new RateLimitDecision.Refused(Duration.ofSeconds(30), "tokens per minute"));
    }

    @Test
    void rejectsANullOrNegativeWait() {
      assertThatNullPointerException()
          .isThrownBy(() -> RateLimitDecision.refused(null, "x"))
          .withMessage("retryAfter");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> RateLimitDecision.refused(Duration.ofSeconds(-1), "x"))
          .withMessageContaining("must not be negative");
    }
  }

  @Nested
  class GuardVerdictTest {

    @Test
    void allowCarriesTheInputToUse() {
      assertThat(GuardVerdict.allow("cleaned input"))
          .isEqualTo(new GuardVerdict.Allow("cleaned input"));
    }

    @Test
    void blockCarriesTheReason() {
      assertThat(GuardVerdict.block("looks like prompt injection"))
          .isEqualTo(new GuardVerdict.Block("looks like prompt injection"));
    }

    @Test
    void rejectsNulls() {
      assertThatNullPointerException()
          .isThrownBy(() -> GuardVerdict.allow(null))
          .withMessage("text");
      assertThatNullPointerException()
          .isThrownBy(() -> GuardVerdict.block(null))
          .withMessage("reason");
    }
  }
}
