package io.agentkeel.testkit;

import static io.agentkeel.testkit.AgentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.ModelFailureKind;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolFailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentResultAssertTest {

  static final String TASK = "task-1";
  static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  static AgentEvent called(String tool, String args) {
    return new AgentEvent.ToolCalled(TASK, AT, tool, args, Duration.ofMillis(3));
  }

  static AgentEvent failed(String tool, ToolFailureKind kind) {
    return new AgentEvent.ToolFailed(TASK, AT, tool, "{}", kind, "no", Duration.ofMillis(1));
  }

  static AgentEvent modelCalled(String model, int step) {
    return new AgentEvent.ModelCalled(
        TASK, AT, model, step, Duration.ofMillis(5), Optional.of(new TokenUsage(10, 5)));
  }

  static AgentResult result(Outcome outcome, String answer, AgentEvent... trace) {
    return new AgentResult(
        TASK,
        outcome,
        Optional.ofNullable(answer),
        Optional.of(new Confidence(0.9, "sure")),
        outcome.describe(),
        List.of(trace));
  }

  static AgentResult completed(AgentEvent... trace) {
    return result(new Outcome.Completed(), "Order A-17 was refunded.", trace);
  }

  static ReviewRequest review(ReviewKind kind, Priority priority) {
    Task task = Task.builder().id(TASK).input("refund A-17").principal(Principal.of("bot")).build();
    return new ReviewRequest(
        "review-1",
        task,
        kind,
        priority,
        "confidence 0.4 is below 0.6",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "{}",
        AT);
  }

  @Test
  void outcomeChecksPassForTheirOwnOutcomeOnly() {
    List<Outcome> outcomes =
        List.of(
            new Outcome.Completed(),
            new Outcome.InReview(review(ReviewKind.ANSWER, Priority.NORMAL)),
            new Outcome.Escalated(review(ReviewKind.ESCALATION, Priority.HIGH)),
            new Outcome.Refused("injection", "looks like a prompt injection"),
            new Outcome.RateLimited("task", Duration.ofSeconds(3)),
            new Outcome.Failed(FailureCategory.MODEL_UNAVAILABLE, "all models failed"));
    List<java.util.function.Function<AgentResultAssert, AgentResultAssert>> checks =
        List.of(
            AgentResultAssert::isCompleted,
            AgentResultAssert::isInReview,
            AgentResultAssert::isEscalated,
            AgentResultAssert::isRefused,
            AgentResultAssert::isRateLimited,
            AgentResultAssert::isFailed);

    for (int o = 0; o < outcomes.size(); o++) {
      AgentResult result = result(outcomes.get(o), null);
      for (int c = 0; c < checks.size(); c++) {
        var check = checks.get(c);
        if (o == c) {
          check.apply(assertThat(result));
          assertThat(result).hasOutcome(outcomes.get(o).getClass());
        } else {
          assertThatThrownBy(() -> check.apply(assertThat(result)))
              .isInstanceOf(AssertionError.class)
              .hasMessageContaining("but it ended " + outcomes.get(o).describe());
        }
      }
    }
  }

  @Test
  void failedWithChecksTheCategory() {
    AgentResult result =
        result(new Outcome.Failed(FailureCategory.MODEL_UNAVAILABLE, "all models failed"), null);

    assertThat(result).isFailedWith(FailureCategory.MODEL_UNAVAILABLE).reasonContains("models");
    assertThatThrownBy(() -> assertThat(result).isFailedWith(FailureCategory.INTERNAL))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fail with INTERNAL but it failed with MODEL_UNAVAILABLE");
    assertThatThrownBy(() -> assertThat(result).reasonContains("timeout"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the reason to contain \"timeout\"");
  }

  @Test
  void answerChecks() {
    AgentResult result = completed();

    assertThat(result).hasAnswer("Order A-17 was refunded.").answerContains("refunded");
    assertThatThrownBy(() -> assertThat(result).hasAnswer("Order A-17 was refunded"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(result).answerContains("cancelled"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it was \"Order A-17 was refunded.\"");
    assertThatThrownBy(() -> assertThat(result).hasNoAnswer()).isInstanceOf(AssertionError.class);

    AgentResult none = result(new Outcome.Refused("injection", "blocked"), null);
    assertThat(none).hasNoAnswer();
    assertThatThrownBy(() -> assertThat(none).answerContains("x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting an answer but the result has none");
  }

  @Test
  void calledToolsIsTheExactOrderOfSuccessfulCalls() {
    AgentResult result =
        completed(
            modelCalled("primary", 1),
            called("find_order", "{\"orderId\":\"A-17\"}"),
            failed("refund_order", ToolFailureKind.INVALID_ARGUMENTS),
            called("refund_order", "{\"orderId\":\"A-17\",\"amount\":20}"),
            called("find_order", "{\"orderId\":\"A-17\"}"));

    assertThat(result).calledTools("find_order", "refund_order", "find_order");
    assertThatThrownBy(() -> assertThat(result).calledTools("find_order", "refund_order"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but they were [find_order, refund_order, find_order]")
        .hasMessageContaining("failed refund_order {} (INVALID_ARGUMENTS: no)");
    assertThatThrownBy(
            () -> assertThat(result).calledTools("refund_order", "find_order", "find_order"))
        .isInstanceOf(AssertionError.class);
    assertThat(completed()).calledTools();
  }

  @Test
  void calledToolWithArgumentsComparesJsonByMeaning() {
    AgentResult result =
        completed(
            called("find_order", "{\"orderId\":\"B-2\"}"),
            called("refund_order", "{\"orderId\":\"A-17\",\"amount\":20,\"tags\":[\"late\"]}"));

    assertThat(result)
        .calledToolWithArguments(
            "refund_order", "{ \"tags\": [\"late\"], \"amount\": 20.0, \"orderId\": \"A-17\" }");
    assertThatThrownBy(() ->
            assertThat(result)
                .calledToolWithArguments(
                    "refund_order", "{\"orderId\":\"A-17\",\"amount\":21,\"tags\":[\"late\"]}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("it was called with [{\"orderId\":\"A-17\",\"amount\":20");
    assertThatThrownBy(() ->
            assertThat(result).calledToolWithArguments("find_order", "{\"orderId\":\"A-17\"}"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(result).calledToolWithArguments("cancel_order", "{}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("it was never called successfully");
    assertThatThrownBy(() -> assertThat(result).calledToolWithArguments("find_order", "{oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void argumentsMatchWhateverTheKeyOrder() {
    qt().forAll(
            strings().basicLatinAlphabet().ofLengthBetween(0, 10),
            integers().between(-1000, 1000),
            integers().between(0, 2))
        .checkAssert((text, number, rotation) -> {
          List<String> members =
              new ArrayList<>(
                  List.of(
                      "\"id\":" + OpenAiWire.JSON.writeValueAsString(text),
                      "\"n\":" + number,
                      "\"flag\":true"));
          String actual = "{" + String.join(",", members) + "}";
          Collections.rotate(members, rotation);
          String expected = "{ " + String.join(" , ", members) + " }";

          assertThat(completed(called("t", actual))).calledToolWithArguments("t", expected);
        });
  }

  @Test
  void neverCalledToolCountsOnlyCallsThatRan() {
    AgentResult result =
        completed(
            failed("cancel_order", ToolFailureKind.NOT_PERMITTED),
            failed("delete_account", ToolFailureKind.DENIED),
            failed("slow_lookup", ToolFailureKind.TIMEOUT),
            failed("flaky", ToolFailureKind.TOOL_ERROR),
            called("find_order", "{}"));

    assertThat(result)
        .neverCalledTool("cancel_order")
        .neverCalledTool("delete_account")
        .neverCalledTool("unknown");
    for (String ran : List.of("slow_lookup", "flaky", "find_order")) {
      assertThatThrownBy(() -> assertThat(result).neverCalledTool(ran))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expecting tool '" + ran + "' never to run but it did");
    }
  }

  @Test
  void neverRequestedToolCountsEveryToolEvent() {
    AgentResult result = completed(failed("cancel_order", ToolFailureKind.NOT_PERMITTED));

    assertThat(result).neverRequestedTool("find_order");
    assertThatThrownBy(() -> assertThat(result).neverRequestedTool("cancel_order"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void toolFailureMatchesNameAndKind() {
    AgentResult result = completed(failed("cancel_order", ToolFailureKind.NOT_PERMITTED));

    assertThat(result).hasToolFailure("cancel_order", ToolFailureKind.NOT_PERMITTED);
    assertThatThrownBy(
            () -> assertThat(result).hasToolFailure("cancel_order", ToolFailureKind.DENIED))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fail with DENIED but none did");
    assertThatThrownBy(
            () -> assertThat(result).hasToolFailure("find_order", ToolFailureKind.NOT_PERMITTED))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void fallbackAndModelCallChecks() {
    AgentResult fellBack =
        completed(
            new AgentEvent.ModelFailed(
                TASK, AT, "primary", ModelFailureKind.RATE_LIMITED, "429", Duration.ofMillis(2)),
            new AgentEvent.FallbackUsed(
                TASK, AT, "primary", "secondary", ModelFailureKind.RATE_LIMITED),
            modelCalled("secondary", 1));
    AgentResult direct = completed(modelCalled("primary", 1), modelCalled("primary", 2));

    assertThat(fellBack).usedFallback().usedFallback("primary", "secondary").madeModelCalls(1);
    assertThat(direct).neverUsedFallback().madeModelCalls(2);
    assertThatThrownBy(() -> assertThat(direct).usedFallback())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("model primary answered step 2");
    assertThatThrownBy(() -> assertThat(fellBack).usedFallback("secondary", "primary"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fell back from primary to secondary");
    assertThatThrownBy(() -> assertThat(fellBack).neverUsedFallback())
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThat(fellBack).madeModelCalls(2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting 2 answered model calls but there were 1");
  }

  @Test
  void nullResultFailsClearly() {
    assertThatThrownBy(() -> assertThat((AgentResult) null).isCompleted())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
