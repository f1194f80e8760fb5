package io.agentkeel.api;

import static io.agentkeel.api.Fixtures.AT;
import static io.agentkeel.api.Fixtures.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewRequestTest {

  @Test
  void pendingToolCallCopiesItsScopes() {
    List<String> scopes = new ArrayList<>(List.of("orders:write"));
    PendingToolCall call = new PendingToolCall("cancel_order", "{}", scopes);
    scopes.add("payments:write");

    assertThat(call.scopes()).containsExactly("orders:write");
    assertThatThrownBy(() -> call.scopes().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void pendingToolCallRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> new PendingToolCall(null, "{}", List.of()))
        .withMessage("tool");
    assertThatNullPointerException()
        .isThrownBy(() -> new PendingToolCall("cancel_order", null, List.of()))
        .withMessage("argumentsJson");
  }

  @Test
  void reviewRequestRejectsNullComponentsNamingThem() {
    assertThatNullPointerException()
        .isThrownBy(() ->
            new ReviewRequest(
                "review-1",
                TASK,
                ReviewKind.ANSWER,
                null,
                "confidence 0.6",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "{}",
                AT))
        .withMessage("priority");
    assertThatNullPointerException()
        .isThrownBy(() ->
            new ReviewRequest(
                "review-1",
                TASK,
                ReviewKind.ANSWER,
                Priority.NORMAL,
                "confidence 0.6",
                Optional.empty(),
                Optional.empty(),
                null,
                "{}",
                AT))
        .withMessage("pendingCall");
  }
}
