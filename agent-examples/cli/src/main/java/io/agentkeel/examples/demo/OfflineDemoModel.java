package io.agentkeel.examples.demo;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat model for trying AgentKeel without a key or a network: it is not a language model, and
 * every answer it gives starts with {@value #LABEL}.
 *
 * <p>Given a request and the tools on offer, it:
 *
 * <ol>
 *   <li>ranks the tools by cosine similarity between the request and each tool's <em>when to
 *       use</em> text (the part of the description after {@code When to use:}), both embedded by
 *       the in-process all-MiniLM-L6-v2 model shipped in a Maven jar;
 *   <li>fills the arguments it can find in the request: values shaped like the example a parameter
 *       description gives ({@code such as C-1042}), e-mail addresses, numbers next to a word of the
 *       parameter's name ({@code 90 days}), enum values named in the request, for free-text
 *       parameters the request itself, and for a required count ({@code limit}) the request does
 *       not give, 5; an ordinal ({@code "and the second one?"}) picks the n-th matching value from
 *       the conversation's earlier turns;
 *   <li>calls the best-ranked tool whose required arguments it could all fill, and once the tool
 *       has answered, writes the final answer in the agent's JSON answer format from the tool's
 *       result.
 * </ol>
 *
 * <p>Its confidence is a rule, not a measurement: {@value #CONFIDENT} after a tool answered, the
 * tool's own {@code confidence} or {@code score} field when its result has a lower one in {@code
 * [0, 1]}, {@value #AFTER_TOOL_ERROR} after a tool error, and {@value #NO_TOOL} when no tool
 * matched. With the default thresholds these route to auto-complete, review and escalation.
 *
 * <p>Thread-safe. The embedding model is loaded once per process, on the first request that offers
 * tools.
 */
public final class OfflineDemoModel implements ChatModel {

  /** How every answer of this model begins. */
  public static final String LABEL = "[offline demo model]";

  /** The confidence reported after a tool answered. */
  public static final double CONFIDENT = 0.9;

  /** The confidence reported after a tool failed. */
  public static final double AFTER_TOOL_ERROR = 0.6;

  /** The confidence reported when no tool matched the request. */
  public static final double NO_TOOL = 0.2;

  /** The lowest similarity at which a tool is taken to match a request. */
  public static final double MIN_SIMILARITY = 0.2;

  private final ToolRanker ranker;
  private final AtomicInteger callIds = new AtomicInteger();

  /** Makes the model over the in-process embedding model. */
  public OfflineDemoModel() {
    this(ToolRanker.miniLm());
  }

  /**
   * Starts loading the embedding model on a background thread, so that the load overlaps with the
   * rest of start-up; the first request waits for it if it is not done. Calling it again does
   * nothing more.
   */
  public static void warmUp() {
    ToolRanker.warmUp();
  }

  /**
   * Waits, at most {@code max}, for a load that {@link #warmUp} started: call it before the process
   * exits, which the ONNX runtime does not survive while it is loading on another thread (the JVM
   * is aborted, exit status 134).
   *
   * @param max the longest wait
   * @throws InterruptedException if interrupted while waiting
   */
  public static void awaitWarmUp(Duration max) throws InterruptedException {
    ToolRanker.awaitWarmUp(max);
  }

  OfflineDemoModel(ToolRanker ranker) {
    this.ranker = ranker;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    int lastUser = lastUserMessage(messages);
    String input = lastUser < 0 ? "" : ((UserMessage) messages.get(lastUser)).singleText();
    List<ToolExecutionResultMessage> results = new ArrayList<>();
    for (int i = Math.max(lastUser, 0); i < messages.size(); i++) {
      if (messages.get(i) instanceof ToolExecutionResultMessage result) {
        results.add(result);
      }
    }
    AiMessage reply;
    if (!results.isEmpty()) {
      reply = AiMessage.from(Answers.fromToolResults(results));
    } else {
      List<String> earlierTurns = earlierTurns(messages, lastUser);
      reply = chooseTool(input, earlierTurns, request.toolSpecifications());
    }
    int inputTokens = messages.stream().mapToInt(m -> m.toString().length() / 4).sum();
    int outputTokens = reply.text() == null ? 20 : reply.text().length() / 4;
    return ChatResponse.builder()
        .aiMessage(reply)
        .modelName("offline-demo")
        .tokenUsage(new TokenUsage(inputTokens, outputTokens))
        .finishReason(
            reply.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
        .build();
  }

  private AiMessage chooseTool(
      String input, List<String> earlierTurns, List<ToolSpecification> tools) {
    if (tools == null || tools.isEmpty()) {
      return AiMessage.from(
          Answers.format(
              LABEL + " No tools are available to this agent, so there is nothing I can look up.",
              NO_TOOL,
              "no tool was offered"));
    }
    List<ToolRanker.Ranked> ranked = ranker.rank(input, tools);
    Optional<String> missing = Optional.empty();
    for (ToolRanker.Ranked candidate : ranked) {
      ArgumentFinder.Found found =
          ArgumentFinder.find(input, earlierTurns, candidate.tool().parameters());
      // A follow-up ("and the second one?") says little on its own; the value it points at is the
      // evidence, so it may use a tool the words alone do not match.
      if (candidate.similarity() < MIN_SIMILARITY && !found.followUp()) {
        continue;
      }
      if (found.missing().isEmpty()) {
        return AiMessage.from(
            List.of(
                ToolExecutionRequest.builder()
                    .id("demo_call_" + callIds.incrementAndGet())
                    .name(candidate.tool().name())
                    .arguments(found.argumentsJson())
                    .build()));
      }
      if (missing.isEmpty()) {
        missing =
            Optional.of(
                "To use "
                    + candidate.tool().name()
                    + " I need "
                    + String.join(", ", found.missing())
                    + ", which I could not find in your request.");
      }
    }
    String best =
        ranked.isEmpty()
            ? ""
            : " (closest tool: %s, similarity %.2f)"
                .formatted(ranked.get(0).tool().name(), ranked.get(0).similarity());
    return AiMessage.from(
        Answers.format(
            LABEL
                + " "
                + missing.orElse(
                    "I could not match your request (\""
                        + quote(input)
                        + "\") to any of my tools"
                        + best
                        + ".")
                + " A person should take this one.",
            NO_TOOL,
            "no tool matched the request with all its required arguments" + best));
  }

  private static String quote(String input) {
    String line = input.replaceAll("\\s+", " ").strip();
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }

  private static int lastUserMessage(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage user && user.hasSingleText()) {
        return i;
      }
    }
    return -1;
  }

  /** Texts of the conversation before the request, newest first. */
  private static List<String> earlierTurns(List<ChatMessage> messages, int lastUser) {
    List<String> turns = new ArrayList<>();
    for (int i = lastUser - 1; i >= 0; i--) {
      switch (messages.get(i)) {
        case AiMessage ai when ai.text() != null -> turns.add(ai.text());
        case UserMessage user when user.hasSingleText() -> turns.add(user.singleText());
        case ToolExecutionResultMessage result -> turns.add(result.text());
        default -> {}
      }
    }
    return turns;
  }

  @Override
  public String toString() {
    return "OfflineDemoModel" + Map.of("embedding", "all-MiniLM-L6-v2 (quantised, in-process)");
  }
}
