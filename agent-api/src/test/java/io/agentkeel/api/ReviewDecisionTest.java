package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ReviewDecisionTest {

  @Test
  void everyVariantNamesItsRequestAndReviewer() {
    ReviewDecision approve = new ReviewDecision.Approve("review-1", "alice");
    ReviewDecision edit = new ReviewDecision.Edit("review-2", "bob", "Order A-17 ships Monday.");
    ReviewDecision reject = new ReviewDecision.Reject("review-3", "carol", "wrong customer");

    assertThat(approve.requestId()).isEqualTo("review-1");
    assertThat(approve.reviewer()).isEqualTo("alice");
    assertThat(edit.requestId()).isEqualTo("review-2");
    assertThat(((ReviewDecision.Edit) edit).revision()).isEqualTo("Order A-17 ships Monday.");
    assertThat(reject.reviewer()).isEqualTo("carol");
    assertThat(((ReviewDecision.Reject) reject).reason()).isEqualTo("wrong customer");
  }

  @Test
  void approveRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ReviewDecision.Approve(null, "alice"))
        .withMessage("requestId");
    assertThatNullPointerException()
        .isThrownBy(() -> new ReviewDecision.Approve("review-1", null))
        .withMessage("reviewer");
  }

  @Test
  void editRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ReviewDecision.Edit(null, "bob", "x"))
        .withMessage("requestId");
    assertThatNullPointerException()
        .isThrownBy(() -> new ReviewDecision.Edit("review-1", null, "x"))
        .withMessage("reviewer");
    assertThatNullPointerException()
        .isThrownBy(() -> new ReviewDecision.Edit("review-1", "bob", null))
        .withMessage("revision");
  }

  @Test
  void rejectRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ReviewDecision.Reject(null, "carol", "x"))
        .withMessage("requestId");
    assertThatNullPointerException()
        .isThrownBy(() -> new ReviewDecision.Reject("review-1", null, "x"))
        .withMessage("reviewer");
    assertThatNullPointerException()
        .isThrownBy(() -> new ReviewDecision.Reject("review-1", "carol", null))
        .withMessage("reason");
  }
}
