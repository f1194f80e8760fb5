package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopBudgetTest {

  static final Duration MINUTE = Duration.ofMinutes(1);
  static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void defaultIsTenStepsTwoMinutesTwoRepeatsTwoRetriesThirtySeconds() {
    assertThat(LoopBudget.DEFAULT)
        .isEqualTo(new LoopBudget(10, Duration.ofMinutes(2), 2, 2, Duration.ofSeconds(30)));
  }

  @Test
  void acceptsTheSmallestBounds() {
    LoopBudget budget = new LoopBudget(1, Duration.ofNanos(1), 1, 0, Duration.ofNanos(1));

    assertThat(budget.maxSteps()).isOne();
    assertThat(budget.maxValidationRetries()).isZero();
  }

  @Test
  void rejectsEveryBoundThatIsNotPositive() {
    assertThatIllegalArgumentException().isThrownBy(() -> new LoopBudget(0, MINUTE, 1, 0, SECOND));
    assertThatIllegalArgumentException().isThrownBy(() -> new LoopBudget(-1, MINUTE, 1, 0, SECOND));
    assertThatIllegalArgumentException().isThrownBy(() -> new LoopBudget(1, MINUTE, 0, 0, SECOND));
    assertThatIllegalArgumentException().isThrownBy(() -> new LoopBudget(1, MINUTE, 1, -1, SECOND));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LoopBudget(1, Duration.ZERO, 1, 0, SECOND));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LoopBudget(1, MINUTE.negated(), 1, 0, SECOND));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LoopBudget(1, MINUTE, 1, 0, Duration.ZERO))
        .withMessageStartingWith(
            "a loop budget needs maxSteps >= 1, maxRepeatedCalls >= 1, maxValidationRetries >= 0,"
                + " maxCallsPerReply >= 1, maxToolResultChars >= 1, contextTokens >= 1,"
                + " maxToolArgumentChars >= 1 and positive durations (maxDuration, toolTimeout)");
  }

  @Test
  void rejectionOfANewerBoundSaysWhatThatBoundNeeds() {
    // The sentence listed only the five original bounds, so a refused maxCallsPerReply, result
    // size or context budget was told a rule that did not mention it.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LoopBudget.DEFAULT.withMaxCallsPerReply(0))
        .withMessageContaining("maxCallsPerReply >= 1")
        .withMessageContaining("maxCallsPerReply=0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LoopBudget.DEFAULT.withMaxToolResultChars(0))
        .withMessageContaining("maxToolResultChars >= 1")
        .withMessageContaining("maxToolResultChars=0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LoopBudget.DEFAULT.withContextTokens(0))
        .withMessageContaining("contextTokens >= 1")
        .withMessageContaining("contextTokens=0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LoopBudget.DEFAULT.withMaxToolArgumentChars(0))
        .withMessageContaining("maxToolArgumentChars >= 1")
        .withMessageContaining("maxToolArgumentChars=0");
  }

  @Test
  void rejectionNamesTheRejectedValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LoopBudget(-3, Duration.ofSeconds(7), 4, 1, Duration.ofSeconds(9)))
        .withMessageContaining("maxSteps=-3")
        .withMessageContaining("maxDuration=PT7S")
        .withMessageContaining("maxRepeatedCalls=4")
        .withMessageContaining("toolTimeout=PT9S");
  }

  @Test
  void rejectsNullDurations() {
    assertThatNullPointerException()
        .isThrownBy(() -> new LoopBudget(1, null, 1, 0, SECOND))
        .withMessage("maxDuration");
    assertThatNullPointerException()
        .isThrownBy(() -> new LoopBudget(1, MINUTE, 1, 0, null))
        .withMessage("toolTimeout");
  }

  @Test
  void withCopiesChangeOneBoundAndLeaveTheOriginal() {
    LoopBudget original = LoopBudget.DEFAULT;

    assertThat(original.withMaxSteps(3))
        .isEqualTo(new LoopBudget(3, Duration.ofMinutes(2), 2, 2, Duration.ofSeconds(30)));
    assertThat(original.withMaxDuration(Duration.ofSeconds(5)))
        .isEqualTo(new LoopBudget(10, Duration.ofSeconds(5), 2, 2, Duration.ofSeconds(30)));
    assertThat(original.withMaxRepeatedCalls(4))
        .isEqualTo(new LoopBudget(10, Duration.ofMinutes(2), 4, 2, Duration.ofSeconds(30)));
    assertThat(original.withMaxValidationRetries(0))
        .isEqualTo(new LoopBudget(10, Duration.ofMinutes(2), 2, 0, Duration.ofSeconds(30)));
    assertThat(original.withToolTimeout(Duration.ofMillis(250)))
        .isEqualTo(new LoopBudget(10, Duration.ofMinutes(2), 2, 2, Duration.ofMillis(250)));
    assertThat(original)
        .isEqualTo(new LoopBudget(10, Duration.ofMinutes(2), 2, 2, Duration.ofSeconds(30)));
  }

  @Test
  void withCopiesAreValidatedToo() {
    LoopBudget budget = LoopBudget.DEFAULT;

    assertThatIllegalArgumentException().isThrownBy(() -> budget.withMaxSteps(0));
    assertThatIllegalArgumentException().isThrownBy(() -> budget.withMaxDuration(Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(() -> budget.withMaxRepeatedCalls(0));
    assertThatIllegalArgumentException().isThrownBy(() -> budget.withMaxValidationRetries(-1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> budget.withToolTimeout(Duration.ofSeconds(-1)));
  }
}
