package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The wire details a plain HTTP client sees, which LangChain4j's client does not pass on. */
class ScriptedOpenAiServerWireTest {

  static final String CHAT = "{\"model\":\"gpt-test\",\"messages\":[]}";

  static HttpResponse<String> post(ScriptedOpenAiServer server, String path, String body)
      throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void baseUrlIsOnTheLoopbackAddress() {
    try (var server = ScriptedOpenAiServer.start(ModelScript.of())) {
      assertThat(server.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
    }
  }

  @Test
  void rateLimitedIs429WithOpenAiErrorAndRetryAfter() throws Exception {
    try (var server =
        ScriptedOpenAiServer.start(
            ModelScript.builder().fail(ScriptedFailure.RATE_LIMITED).build())) {
      HttpResponse<String> response = post(server, "/chat/completions", CHAT);

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      JsonNode error = OpenAiWire.JSON.readTree(response.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
      assertThat(error.path("message").asString()).isNotBlank();
    }
  }

  @Test
  void serverErrorIs500AndMalformedIs200WithABodyThatIsNotJson() throws Exception {
    try (var server =
        ScriptedOpenAiServer.start(
            ModelScript.builder()
                .fail(ScriptedFailure.SERVER_ERROR)
                .fail(ScriptedFailure.MALFORMED)
                .build())) {
      HttpResponse<String> serverError = post(server, "/chat/completions", CHAT);
      HttpResponse<String> malformed = post(server, "/chat/completions", CHAT);

      assertThat(serverError.statusCode()).isEqualTo(500);
      assertThat(OpenAiWire.JSON.readTree(serverError.body()).path("error").isObject()).isTrue();
      assertThat(malformed.statusCode()).isEqualTo(200);
      assertThat(malformed.body()).startsWith("<html>");
    }
  }

  @Test
  void completionEchoesTheModelAndReportsUsageAfterTheStepsDelay() throws Exception {
    try (var server =
        ScriptedOpenAiServer.start(
            ModelScript.builder().after(Duration.ofMillis(10)).text("late but fine").build())) {
      HttpResponse<String> response = post(server, "/chat/completions", CHAT);

      JsonNode body = OpenAiWire.JSON.readTree(response.body());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(body.path("model").asString()).isEqualTo("gpt-test");
      assertThat(body.path("object").asString()).isEqualTo("chat.completion");
      JsonNode choice = body.path("choices").path(0);
      assertThat(choice.path("message").path("content").asString()).isEqualTo("late but fine");
      assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
      assertThat(body.path("usage").path("prompt_tokens").asInt())
          .isEqualTo(ModelScript.INPUT_TOKENS_PER_REPLY);
      assertThat(body.path("usage").path("completion_tokens").asInt())
          .isEqualTo(ModelScript.OUTPUT_TOKENS_PER_REPLY);
      assertThat(body.path("usage").path("total_tokens").asInt())
          .isEqualTo(ModelScript.INPUT_TOKENS_PER_REPLY + ModelScript.OUTPUT_TOKENS_PER_REPLY);
    }
  }

  @Test
  void otherPathsAre404AndTakeNoStep() throws Exception {
    try (var server = ScriptedOpenAiServer.start(ModelScript.builder().text("kept").build())) {
      HttpResponse<String> response = post(server, "/embeddings", "{}");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(server.requestBodies()).isEmpty();
      assertThat(server.remainingSteps()).isOne();
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    var server = ScriptedOpenAiServer.start(ModelScript.of());
    server.close();
    server.close();
  }
}
