package io.agentkeel.testkit;

import static io.agentkeel.testkit.ModelStep.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScriptedChatModelTest {

  static ChatRequest ask(String text) {
    return ChatRequest.builder().messages(UserMessage.from(text)).build();
  }

  @Test
  void playsStepsInOrderAndThenSaysTheScriptIsExhausted() {
    ScriptedChatModel model =
        ScriptedChatModel.named(
            "primary", ModelScript.builder().text("first").text("second").build());

    assertThat(model.chat(ask("a")).aiMessage().text()).isEqualTo("first");
    assertThat(model.remainingSteps()).isOne();
    assertThat(model.chat(ask("b")).aiMessage().text()).isEqualTo("second");
    assertThat(model.remainingSteps()).isZero();

    assertThatThrownBy(() -> model.chat(ask("c")))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "scripted model 'primary': script exhausted after 2 replies; add a step or expect"
                + " fewer model calls");
    assertThat(model.remainingSteps()).isZero();
  }

  @Test
  void finalAnswerIsTheAgreedJsonWithUsageAndModelName() {
    ScriptedChatModel model =
        ScriptedChatModel.named(
            "primary",
            ModelScript.builder().answer("Order \"A-17\" shipped.", 0.9, "found it").build());

    ChatResponse response = model.chat(ask("where is A-17?"));

    JsonNode json = OpenAiWire.JSON.readTree(response.aiMessage().text());
    assertThat(json.path("answer").asString()).isEqualTo("Order \"A-17\" shipped.");
    assertThat(json.path("confidence").asDouble()).isEqualTo(0.9);
    assertThat(json.path("reasoning_summary").asString()).isEqualTo("found it");
    assertThat(json.properties()).hasSize(3);
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.modelName()).isEqualTo("primary");
    assertThat(response.tokenUsage().inputTokenCount())
        .isEqualTo(ModelScript.INPUT_TOKENS_PER_REPLY);
    assertThat(response.tokenUsage().outputTokenCount())
        .isEqualTo(ModelScript.OUTPUT_TOKENS_PER_REPLY);
  }

  @Test
  void toolCallIdsCountOnAcrossReplies() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCalls(call("find_order", "{\"id\":1}"), call("find_order", "{\"id\":2}"))
                .toolCall("refund_order", "{\"id\":1}")
                .build());

    ChatResponse first = model.chat(ask("a"));
    ChatResponse second = model.chat(ask("b"));

    assertThat(first.aiMessage().toolExecutionRequests())
        .extracting(ToolExecutionRequest::id, ToolExecutionRequest::arguments)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("call_1", "{\"id\":1}"),
            org.assertj.core.groups.Tuple.tuple("call_2", "{\"id\":2}"));
    assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    assertThat(second.aiMessage().toolExecutionRequests())
        .singleElement()
        .satisfies(request -> {
          assertThat(request.id()).isEqualTo("call_3");
          assertThat(request.name()).isEqualTo("refund_order");
        });
  }

  @Test
  void recordsRequestsAndTheToolsTheyOffered() {
    ScriptedChatModel model =
        ScriptedChatModel.of(ModelScript.builder().text("x").text("y").build());
    ChatRequest withTools =
        ChatRequest.builder()
            .messages(UserMessage.from("a"))
            .toolSpecifications(
                ScriptedOpenAiServerTest.FIND_ORDER, ScriptedOpenAiServerTest.CANCEL_ORDER)
            .build();

    model.chat(withTools);
    model.chat(ask("b"));

    assertThat(model.requests()).hasSize(2);
    assertThat(model.requests().get(0).messages()).isEqualTo(withTools.messages());
    assertThat(model.offeredToolNames(0)).containsExactly("find_order", "cancel_order");
    assertThat(model.offeredToolNames(1)).isEmpty();
    assertThatThrownBy(() -> model.offeredToolNames(2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("received 2 requests; there is no request 2");
  }

  @Test
  void timeoutAfterItsDelayIsTheClientsTimeoutException() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .after(Duration.ofMillis(20))
                .fail(ScriptedFailure.TIMEOUT)
                .text("after the timeout")
                .build());

    assertThat(catchThrowable(() -> model.chat(ask("a"))))
        .isExactlyInstanceOf(TimeoutException.class);
    assertThat(model.chat(ask("again")).aiMessage().text()).isEqualTo("after the timeout");
  }

  @Test
  void interruptDuringADelayEndsTheCallAndKeepsTheInterruptFlag() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder().after(Duration.ofMinutes(5)).text("too late").build());

    Thread.currentThread().interrupt();
    Throwable thrown = catchThrowable(() -> model.chat(ask("a")));

    assertThat(Thread.interrupted()).isTrue();
    assertThat(thrown)
        .isExactlyInstanceOf(RuntimeException.class)
        .hasRootCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void concurrentCallsEachGetADistinctStepAndNoneIsLost() throws Exception {
    int threads = 8;
    int callsPerThread = 50;
    int total = threads * callsPerThread;
    ModelScript.Builder script = ModelScript.builder();
    for (int i = 0; i < total; i++) {
      script.text("reply-" + i);
    }
    ScriptedChatModel model = ScriptedChatModel.of(script.build());
    Map<String, String> questionByReply = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();

    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        workers.add(
            pool.submit(() -> {
              start.await();
              for (int c = 0; c < callsPerThread; c++) {
                String question = "thread-" + thread + "-call-" + c;
                String reply = model.chat(ask(question)).aiMessage().text();
                assertThat(questionByReply.put(reply, question)).as(reply).isNull();
              }
              return null;
            }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get();
      }
    }

    Map<String, String> expectedReplies = new HashMap<>();
    for (int i = 0; i < total; i++) {
      expectedReplies.put("reply-" + i, null);
    }
    assertThat(questionByReply).containsOnlyKeys(expectedReplies.keySet());
    assertThat(model.remainingSteps()).isZero();
    List<ChatRequest> requests = model.requests();
    assertThat(requests).hasSize(total);
    // requests().get(i) is the request that received step i.
    for (int i = 0; i < total; i++) {
      assertThat(((UserMessage) requests.get(i).messages().get(0)).singleText())
          .isEqualTo(questionByReply.get("reply-" + i));
    }
  }

  @Test
  void anyScriptOfTextsIsPlayedInOrderThenExhausted() {
    qt().forAll(
            lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 12)).ofSizeBetween(0, 15))
        .checkAssert(texts -> {
          ModelScript.Builder script = ModelScript.builder();
          texts.forEach(script::text);
          ScriptedChatModel model = ScriptedChatModel.of(script.build());

          List<String> replies = new ArrayList<>();
          for (int i = 0; i < texts.size(); i++) {
            replies.add(model.chat(ask("q" + i)).aiMessage().text());
          }

          assertThat(replies).isEqualTo(texts);
          assertThatThrownBy(() -> model.chat(ask("one more")))
              .hasMessageContaining("script exhausted after " + texts.size() + " replies");
        });
  }

  @Test
  void respondingModelAnswersFromTheRequestAndNeverRunsOut() {
    ScriptedChatModel model =
        ScriptedChatModel.responding(
            "echo",
            request ->
                ModelStep.text(
                    "length " + ((UserMessage) request.messages().get(0)).singleText().length()));

    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 40))
        .checkAssert(question ->
            assertThat(model.chat(ask(question)).aiMessage().text())
                .isEqualTo("length " + question.length()));
    assertThat(model.remainingSteps()).isEqualTo(Integer.MAX_VALUE);
    assertThat(model.requests()).isNotEmpty();
  }

  @Test
  void respondingModelFailsOnCueLikeAScript() {
    ScriptedChatModel model =
        ScriptedChatModel.responding(
            "flaky", request -> ModelStep.failure(ScriptedFailure.TIMEOUT));

    assertThat(catchThrowable(() -> model.chat(ask("a"))))
        .isExactlyInstanceOf(TimeoutException.class);
  }

  @Test
  void respondingModelNamesANullReply() {
    ScriptedChatModel model = ScriptedChatModel.responding("lazy", request -> null);

    assertThatThrownBy(() -> model.chat(ask("a")))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("responder of scripted model 'lazy' returned null");
  }

  @Test
  void defaultNameIsScriptedAndBlankNamesAreRefused() {
    assertThat(ScriptedChatModel.of(ModelScript.of()).name()).isEqualTo("scripted");
    assertThatThrownBy(() -> ScriptedChatModel.named(" ", ModelScript.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-blank name");
  }
}
