package io.agentkeel.testkit;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAI chat-completions wire format, as far as the scripted model and server need it. */
final class OpenAiWire {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the server says for {@link ScriptedFailure#RATE_LIMITED}; also the exception message. */
  static final String RATE_LIMITED_BODY =
      error(
          "Rate limit reached for the scripted model. Please try again in 1s.",
          "requests",
          "rate_limit_exceeded");

  /** What the server says for {@link ScriptedFailure#SERVER_ERROR}; also the exception message. */
  static final String SERVER_ERROR_BODY =
      error("The server had an error while processing your request.", "server_error", null);

  /**
   * An HTML error page where JSON was expected, as a misbehaving proxy delivers it. It fails at the
   * first character, so every JSON parser fails alike; a cut-off JSON body would fail deep inside
   * the OpenAI client's own classes and could not be reproduced in process.
   */
  static final String MALFORMED_BODY = "<html><body>502 Bad Gateway</body></html>";

  /** A well-formed completion without any choice. */
  static final String EMPTY_CHOICES_BODY =
      "{\"id\":\"chatcmpl-scripted\",\"object\":\"chat.completion\",\"created\":0,"
          + "\"model\":\"scripted\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
          + ModelScript.INPUT_TOKENS_PER_REPLY
          + ",\"completion_tokens\":"
          + ModelScript.OUTPUT_TOKENS_PER_REPLY
          + ",\"total_tokens\":"
          + (ModelScript.INPUT_TOKENS_PER_REPLY + ModelScript.OUTPUT_TOKENS_PER_REPLY)
          + "}}";

  /** Seconds the server asks a rate-limited client to wait. */
  static final int RETRY_AFTER_SECONDS = 1;

  private OpenAiWire() {}

  /** The final-answer JSON object that the agent loop reads from the reply text. */
  static String answerText(ModelStep.Answer answer) {
    ObjectNode node = JSON.createObjectNode();
    node.put("answer", answer.answer());
    node.put("confidence", answer.confidence());
    node.put("reasoning_summary", answer.reasoningSummary());
    return JSON.writeValueAsString(node);
  }

  /** An OpenAI-style error body. */
  static String error(String message, String type, String code) {
    ObjectNode error = JSON.createObjectNode();
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("error", error);
    return JSON.writeValueAsString(root);
  }

  /** A tool call with the id it was given when played. */
  record IdentifiedCall(String id, ModelStep.ToolCall call) {}

  /**
   * A chat-completion body: a text reply when {@code calls} is empty, a tool-call reply otherwise.
   */
  static String completion(
      String id,
      String model,
      long createdEpochSecond,
      String content,
      List<IdentifiedCall> calls) {
    ObjectNode message = JSON.createObjectNode();
    message.put("role", "assistant");
    if (content == null) {
      message.putNull("content");
    } else {
      message.put("content", content);
    }
    if (!calls.isEmpty()) {
      ArrayNode toolCalls = message.putArray("tool_calls");
      for (IdentifiedCall call : calls) {
        ObjectNode toolCall = toolCalls.addObject();
        toolCall.put("id", call.id());
        toolCall.put("type", "function");
        ObjectNode function = toolCall.putObject("function");
        function.put("name", call.call().name());
        function.put("arguments", call.call().argumentsJson());
      }
    }
    ObjectNode choice = JSON.createObjectNode();
    choice.put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");

    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", "chat.completion");
    root.put("created", createdEpochSecond);
    root.put("model", model);
    root.putArray("choices").add(choice);
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", ModelScript.INPUT_TOKENS_PER_REPLY);
    usage.put("completion_tokens", ModelScript.OUTPUT_TOKENS_PER_REPLY);
    usage.put(
        "total_tokens", ModelScript.INPUT_TOKENS_PER_REPLY + ModelScript.OUTPUT_TOKENS_PER_REPLY);
    return JSON.writeValueAsString(root);
  }

  /** The names of the tools offered in a chat-completions request body, in order. */
  static List<String> offeredToolNames(String requestBody) {
    JsonNode root;
    try {
      root = JSON.readTree(requestBody);
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "the recorded request body is not JSON, so it offers no tools: " + e.getOriginalMessage(),
          e);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode tool : root.path("tools")) {
      names.add(tool.path("function").path("name").asString());
    }
    return List.copyOf(names);
  }

  /** The {@code model} field of a request body, or {@code fallback} if there is none. */
  static String requestedModel(String requestBody, String fallback) {
    try {
      return JSON.readTree(requestBody).path("model").asString(fallback);
    } catch (JacksonException e) {
      return fallback;
    }
  }
}
