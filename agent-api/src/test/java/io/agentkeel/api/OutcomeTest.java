package io.agentkeel.api;

import static io.agentkeel.api.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void completedDescribesItself() {
    assertThat(new Outcome.Completed().describe()).isEqualTo("completed");
  }

  @Test
  void inReviewNamesTheKindAndReason() {
    Outcome outcome =
        new Outcome.InReview(
            request(ReviewKind.DESTRUCTIVE_CALL, Priority.NORMAL, "cancel_order needs a person"));

    assertThat(outcome.describe())
        .isEqualTo("in review (DESTRUCTIVE_CALL): cancel_order needs a person");
  }

  @Test
  void escalatedNamesThePriorityAndReasonFromItsRequest() {
    Outcome.Escalated outcome =
        new Outcome.Escalated(request(ReviewKind.ESCALATION, Priority.HIGH, "confidence 0.2"));

    assertThat(outcome.describe()).isEqualTo("escalated (HIGH): confidence 0.2");
    assertThat(outcome.priority()).isEqualTo(Priority.HIGH);
    assertThat(outcome.reason()).isEqualTo("confidence 0.2");
  }

  @Test
  void refusedNamesTheGuardAndReason() {
    assertThat(
            new Outcome.Refused("injection-guard", "the input tries to override instructions")
                .describe())
        .isEqualTo("refused by injection-guard: the input tries to override instructions");
  }

  @Test
  void rateLimitedNamesTheOperationAndTheWait() {
    assertThat(new Outcome.RateLimited("task", Duration.ofSeconds(30)).describe())
        .isEqualTo("rate limited on task, retry after PT30S");
  }

  @Test
  void failedNamesTheCategoryAndReason() {
    assertThat(
            new Outcome.Failed(FailureCategory.MODEL_UNAVAILABLE, "every model timed out")
                .describe())
        .isEqualTo("failed (MODEL_UNAVAILABLE): every model timed out");
  }

  @Test
  void everyVariantRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Outcome.InReview(null))
        .withMessage("request");
    assertThatNullPointerException()
        .isThrownBy(() -> new Outcome.Escalated(null))
        .withMessage("request");
    assertThatNullPointerException()
        .isThrownBy(() -> new Outcome.Refused(null, "r"))
        .withMessage("guard");
    assertThatNullPointerException()
        .isThrownBy(() -> new Outcome.Refused("g", null))
        .withMessage("reason");
    assertThatNullPointerException()
        .isThrownBy(() -> new Outcome.RateLimited(null, Duration.ZERO))
        .withMessage("operation");
    assertThatNullPointerException()
        .isThrownBy(() -> new Outcome.RateLimited("task", null))
        .withMessage("retryAfter");
    assertThatNullPointerException()
        .isThrownBy(() -> new Outcome.Failed(null, "r"))
        .withMessage("category");
    assertThatNullPointerException()
        .isThrownBy(() -> new Outcome.Failed(FailureCategory.INTERNAL, null))
        .withMessage("reason");
  }

  @Test
  void theFamilyIsClosed() {
    assertThat(Outcome.class.isSealed()).isTrue();
    assertThat(List.of(Outcome.class.getPermittedSubclasses()))
        .containsExactlyInAnyOrder(
            Outcome.Completed.class,
            Outcome.InReview.class,
            Outcome.Escalated.class,
            Outcome.Refused.class,
            Outcome.RateLimited.class,
            Outcome.Failed.class);
  }
}
