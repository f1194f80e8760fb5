package io.agentkeel.testkit;

import static io.agentkeel.testkit.ModelStep.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** LangChain4j's real OpenAI client against the scripted server. */
class ScriptedOpenAiServerTest {

  static final Duration CLIENT_TIMEOUT = Duration.ofMillis(500);

  static final ToolSpecification FIND_ORDER =
      ToolSpecification.builder()
          .name("find_order")
          .description("Finds an order by id.")
          .parameters(
              JsonObjectSchema.builder().addStringProperty("orderId").required("orderId").build())
          .build();

  static final ToolSpecification CANCEL_ORDER =
      ToolSpecification.builder()
          .name("cancel_order")
          .description("Cancels an order.")
          .parameters(
              JsonObjectSchema.builder().addStringProperty("orderId").required("orderId").build())
          .build();

  static ChatModel openAi(ScriptedOpenAiServer server, Duration timeout) {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test")
        .modelName("scripted")
        .maxRetries(0)
        .timeout(timeout)
        .build();
  }

  static ChatModel openAi(ScriptedOpenAiServer server) {
    return openAi(server, CLIENT_TIMEOUT);
  }

  static ChatRequest request(ToolSpecification... tools) {
    return ChatRequest.builder()
        .messages(UserMessage.from("Where is order A-17?"))
        .toolSpecifications(tools)
        .build();
  }

  @Test
  void textReplyArrivesAsMessageTextWithUsage() {
    try (var server = ScriptedOpenAiServer.start(ModelScript.builder().text("hello").build())) {
      ChatResponse response = openAi(server).chat(request());

      assertThat(response.aiMessage().text()).isEqualTo("hello");
      assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
      assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(response.tokenUsage().inputTokenCount())
          .isEqualTo(ModelScript.INPUT_TOKENS_PER_REPLY);
      assertThat(response.tokenUsage().outputTokenCount())
          .isEqualTo(ModelScript.OUTPUT_TOKENS_PER_REPLY);
      assertThat(server.remainingSteps()).isZero();
    }
  }

  @Test
  void finalAnswerArrivesAsTheAgreedJson() {
    try (var server =
        ScriptedOpenAiServer.start(
            ModelScript.builder().answer("It shipped.", 0.75, "looked it up").build())) {
      String text = openAi(server).chat(request()).aiMessage().text();

      JsonNode json = OpenAiWire.JSON.readTree(text);
      assertThat(json.path("answer").asString()).isEqualTo("It shipped.");
      assertThat(json.path("confidence").asDouble()).isEqualTo(0.75);
      assertThat(json.path("reasoning_summary").asString()).isEqualTo("looked it up");
    }
  }

  @Test
  void toolCallArrivesAsToolExecutionRequest() {
    try (var server =
        ScriptedOpenAiServer.start(
            ModelScript.builder().toolCall("find_order", "{\"orderId\":\"A-17\"}").build())) {
      ChatResponse response = openAi(server).chat(request(FIND_ORDER, CANCEL_ORDER));

      assertThat(response.aiMessage().toolExecutionRequests())
          .containsExactly(
              ToolExecutionRequest.builder()
                  .id("call_1")
                  .name("find_order")
                  .arguments("{\"orderId\":\"A-17\"}")
                  .build());
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
      assertThat(server.offeredToolNames(0)).containsExactly("find_order", "cancel_order");
    }
  }

  @Test
  void twoToolCallsInOneReplyKeepTheirOrderAndGetDistinctIds() {
    try (var server =
        ScriptedOpenAiServer.start(
            ModelScript.builder()
                .toolCalls(
                    call("find_order", "{\"orderId\":\"A-17\"}"),
                    call("cancel_order", "{\"orderId\":\"B-2\"}"))
                .build())) {
      ChatResponse response = openAi(server).chat(request(FIND_ORDER, CANCEL_ORDER));

      assertThat(response.aiMessage().toolExecutionRequests())
          .extracting(ToolExecutionRequest::id, ToolExecutionRequest::name)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("call_1", "find_order"),
              org.assertj.core.groups.Tuple.tuple("call_2", "cancel_order"));
      assertThat(response.aiMessage().toolExecutionRequests().get(1).arguments())
          .isEqualTo("{\"orderId\":\"B-2\"}");
    }
  }

  @Test
  void recordsEachRequestBodyAndItsOfferedTools() {
    try (var server =
        ScriptedOpenAiServer.start(ModelScript.builder().text("one").text("two").build())) {
      ChatModel model = openAi(server);
      model.chat(request(FIND_ORDER));
      model.chat(request());

      assertThat(server.requestBodies()).hasSize(2);
      assertThat(server.requestBodies().get(0)).contains("Where is order A-17?");
      assertThat(server.offeredToolNames(0)).containsExactly("find_order");
      assertThat(server.offeredToolNames(1)).isEmpty();
    }
  }

  @Test
  void rateLimitedIsRateLimitException() {
    Throwable thrown = failOverHttp(ScriptedFailure.RATE_LIMITED);

    assertThat(thrown).isExactlyInstanceOf(RateLimitException.class);
    assertThat(thrown.getCause()).isInstanceOf(HttpException.class);
    assertThat(((HttpException) thrown.getCause()).statusCode()).isEqualTo(429);
    assertThat(thrown).hasMessageContaining("rate_limit_exceeded");
  }

  @Test
  void serverErrorIsInternalServerException() {
    Throwable thrown = failOverHttp(ScriptedFailure.SERVER_ERROR);

    assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
    assertThat(((HttpException) thrown.getCause()).statusCode()).isEqualTo(500);
  }

  @Test
  void timeoutIsTimeoutExceptionCausedByTheJdkClientsTimeout() {
    Throwable thrown = failOverHttp(ScriptedFailure.TIMEOUT);

    assertThat(thrown).isExactlyInstanceOf(TimeoutException.class);
    assertThat(thrown.getCause()).isExactlyInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void malformedBodyIsPlainRuntimeExceptionCausedByJacksonParseError() {
    Throwable thrown = failOverHttp(ScriptedFailure.MALFORMED);

    assertThat(thrown).isExactlyInstanceOf(RuntimeException.class);
    assertThat(thrown.getCause()).isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
  }

  @Test
  void timeoutHeldShorterThanTheClientsTimeoutStillEndsInTimeout() {
    try (var server =
        ScriptedOpenAiServer.start(
            ModelScript.builder()
                .after(Duration.ofMillis(10))
                .fail(ScriptedFailure.TIMEOUT)
                .build())) {
      Throwable thrown =
          catchThrowable(() -> openAi(server, Duration.ofSeconds(30)).chat(request()));

      assertThat(thrown).isExactlyInstanceOf(TimeoutException.class);
      assertThat(((HttpException) thrown.getCause()).statusCode()).isEqualTo(408);
    }
  }

  @Test
  void exhaustedScriptAnswersWithAClearError() {
    try (var server = ScriptedOpenAiServer.start(ModelScript.builder().text("only").build())) {
      ChatModel model = openAi(server);
      model.chat(request());

      Throwable thrown = catchThrowable(() -> model.chat(request()));

      assertThat(thrown)
          .hasMessageContaining(
              "script exhausted after 1 replies; add a step or expect fewer model calls");
      assertThat(server.remainingSteps()).isZero();
    }
  }

  @Test
  void closeCutsOffARequestBeingHeld() throws Exception {
    // The client would wait 30 s for a timeout; close() must end the held exchange long before.
    ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(
            ModelScript.builder().fail(ScriptedFailure.TIMEOUT).build(), Duration.ofMinutes(5));
    ChatModel model = openAi(server, Duration.ofSeconds(30));
    CompletableFuture<Throwable> call =
        CompletableFuture.supplyAsync(() -> catchThrowable(() -> model.chat(request())));
    while (server.requestBodies().isEmpty()) {
      Thread.sleep(5);
    }

    server.close();

    assertThat(call.get()).isNotNull().isNotInstanceOf(TimeoutException.class);
  }

  static Throwable failOverHttp(ScriptedFailure kind) {
    // Only a TIMEOUT needs the short client timeout; the others answer at once, and on a loaded
    // machine the first request of a cold JVM can take longer than 500 ms to be answered.
    Duration timeout = kind == ScriptedFailure.TIMEOUT ? CLIENT_TIMEOUT : Duration.ofSeconds(15);
    try (var server = ScriptedOpenAiServer.start(ModelScript.builder().fail(kind).build())) {
      return catchThrowable(() -> openAi(server, timeout).chat(request()));
    }
  }
}
