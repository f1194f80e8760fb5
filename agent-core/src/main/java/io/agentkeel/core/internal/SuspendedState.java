package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.agentkeel.api.PendingToolCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The loop's state while a destructive call waits for a person, serialised as JSON into {@link
 * io.agentkeel.api.ReviewRequest#state()} so that any process holding the request can resume it.
 *
 * <p>The format is core's own, versioned by {@link #VERSION} and independent of LangChain4j's
 * message serialiser, so that a stored review survives a LangChain4j upgrade; a fixture in the
 * tests pins it. {@code pendingDigest} binds the state to the call the reviewer was shown: a resume
 * whose state or shown call was changed is refused.
 *
 * @param version the format's version
 * @param messages the conversation so far
 * @param pending the tool calls of the last model reply still to run; the first waits for a person
 * @param counters what the run had counted
 * @param callCounts how often each call (tool and canonical arguments) ran
 * @param pendingDigest SHA-256 of the call shown to the reviewer and the first pending call
 */
record SuspendedState(
    int version,
    List<StoredMessage> messages,
    List<StoredCall> pending,
    RunCounters counters,
    List<CallCount> callCounts,
    String pendingDigest) {

  static final int VERSION = 2;

  /** How often one call ran. */
  record CallCount(String tool, String argumentsJson, int count) {}

  /** One tool call of the model's reply, as the model made it. */
  record StoredCall(String id, String name, String arguments) {}

  /**
   * One message of the conversation.
   *
   * @param role {@code system}, {@code user}, {@code ai} or {@code tool}
   * @param text its text; empty for an AI message with tool calls only
   * @param toolCalls an AI message's tool calls
   * @param toolCallId a tool result's call id
   * @param toolName a tool result's tool
   */
  record StoredMessage(
      String role, String text, List<StoredCall> toolCalls, String toolCallId, String toolName) {}

  static List<StoredMessage> store(List<ChatMessage> messages) {
    List<StoredMessage> stored = new ArrayList<>(messages.size());
    for (ChatMessage message : messages) {
      stored.add(
          switch (message) {
            case SystemMessage m -> new StoredMessage("system", m.text(), List.of(), null, null);
            case UserMessage m ->
                new StoredMessage(
                    "user", m.hasSingleText() ? m.singleText() : "", List.of(), null, null);
            case AiMessage m ->
                new StoredMessage(
                    "ai",
                    m.text() == null ? "" : m.text(),
                    m.hasToolExecutionRequests()
                        ? m.toolExecutionRequests().stream().map(SuspendedState::store).toList()
                        : List.of(),
                    null,
                    null);
            case ToolExecutionResultMessage m ->
                new StoredMessage("tool", m.text(), List.of(), m.id(), m.toolName());
            default ->
                throw new IllegalStateException(
                    "cannot store a " + message.getClass().getSimpleName() + " message");
          });
    }
    return stored;
  }

  static StoredCall store(ToolExecutionRequest request) {
    return new StoredCall(request.id(), request.name(), request.arguments());
  }

  static ToolExecutionRequest restore(StoredCall call) {
    return ToolExecutionRequest.builder()
        .id(call.id())
        .name(call.name())
        .arguments(call.arguments())
        .build();
  }

  List<ChatMessage> restoreMessages() {
    List<ChatMessage> restored = new ArrayList<>(messages.size());
    for (StoredMessage m : messages) {
      restored.add(
          switch (m.role()) {
            case "system" -> SystemMessage.from(m.text());
            case "user" -> UserMessage.from(m.text());
            case "ai" ->
                m.toolCalls() == null || m.toolCalls().isEmpty()
                    ? AiMessage.from(m.text())
                    : AiMessage.builder()
                        .text(m.text() == null || m.text().isEmpty() ? null : m.text())
                        .toolExecutionRequests(
                            m.toolCalls().stream().map(SuspendedState::restore).toList())
                        .build();
            case "tool" -> ToolExecutionResultMessage.from(m.toolCallId(), m.toolName(), m.text());
            default -> throw new IllegalStateException("unknown message role '" + m.role() + "'");
          });
    }
    return restored;
  }

  /**
   * The digest that binds a shown call to the first pending call of the state.
   *
   * @param shown the call the reviewer sees
   * @param head the first pending call, canonical arguments
   * @return hex SHA-256
   */
  static String digest(PendingToolCall shown, String headTool, String headArguments) {
    String text =
        shown.tool()
            + "\n"
            + shown.argumentsJson()
            + "\n"
            + String.join(",", shown.scopes())
            + "\n"
            + headTool
            + "\n"
            + headArguments;
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
