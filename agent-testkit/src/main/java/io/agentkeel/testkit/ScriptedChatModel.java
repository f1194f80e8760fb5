package io.agentkeel.testkit;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A LangChain4j {@link ChatModel} that plays a {@link ModelScript} instead of calling a model: each
 * call takes the next step. It records every request, so a test can check what the agent sent, for
 * instance which tools it offered.
 *
 * <p>A test scripts the model's replies, gives the model to the agent in place of a real one, runs
 * a task and asserts on the result and on the requests:
 *
 * {@snippet class="io.agentkeel.testkit.snippets.TestKitSnippets" region="scripted-chat-model"}
 *
 * <p>Replies: a {@linkplain ModelStep#answer final answer} becomes an {@link AiMessage} whose text
 * is the JSON object {@code {"answer", "confidence", "reasoning_summary"}}; a {@linkplain
 * ModelStep#text text} is the message text as is; {@linkplain ModelStep#toolCalls tool calls}
 * become {@link ToolExecutionRequest}s with ids {@code call_1}, {@code call_2}, ... counted over
 * the model's life. Every response carries a {@link TokenUsage} of {@link
 * ModelScript#INPUT_TOKENS_PER_REPLY} input and {@link ModelScript#OUTPUT_TOKENS_PER_REPLY} output
 * tokens and the model's {@linkplain #name() name} as model name.
 *
 * <p>Failures on cue throw exactly what LangChain4j's OpenAI client ({@code OpenAiChatModel} with
 * {@code maxRetries(0)}) throws for the same situation over HTTP, so error handling sees the same
 * exceptions here as against {@link ScriptedOpenAiServer}:
 *
 * <ul>
 *   <li>{@link ScriptedFailure#RATE_LIMITED}: {@link dev.langchain4j.exception.RateLimitException}
 *       caused by an {@link dev.langchain4j.exception.HttpException} with status 429;
 *   <li>{@link ScriptedFailure#SERVER_ERROR}: {@link
 *       dev.langchain4j.exception.InternalServerException} caused by an {@code HttpException} with
 *       status 500;
 *   <li>{@link ScriptedFailure#TIMEOUT}: {@link dev.langchain4j.exception.TimeoutException} caused
 *       by a {@link java.net.http.HttpTimeoutException}, thrown after the step's delay;
 *   <li>{@link ScriptedFailure#MALFORMED}: a plain {@link RuntimeException} caused by Jackson 2's
 *       {@code com.fasterxml.jackson.core.JsonParseException}.
 * </ul>
 *
 * <p>A step's delay is slept before the reply; an interrupt ends the sleep, keeps the thread's
 * interrupt flag and throws a {@link RuntimeException}, as the OpenAI client does. A call after the
 * last step throws {@link IllegalStateException} ("script exhausted after N replies").
 *
 * <p>Thread-safe: concurrent tasks may share one model; each call gets a distinct step and {@link
 * #requests()}{@code .get(i)} is the request that received step {@code i}.
 */
public final class ScriptedChatModel implements ChatModel {

  private static final String DEFAULT_NAME = "scripted";

  private final String name;
  private final ModelScript script;
  private final Function<? super ChatRequest, ? extends ModelStep> responder;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<ChatRequest> requests = new ArrayList<>();
  private final AtomicInteger toolCallIds = new AtomicInteger();

  private ScriptedChatModel(
      String name,
      ModelScript script,
      Function<? super ChatRequest, ? extends ModelStep> responder) {
    this.name = Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a scripted model needs a non-blank name");
    }
    this.script = script;
    this.responder = responder;
  }

  /**
   * Makes a model named {@code scripted} that plays the script.
   *
   * @param script the replies, in order
   * @return the model
   */
  public static ScriptedChatModel of(ModelScript script) {
    return named(DEFAULT_NAME, script);
  }

  /**
   * Makes a named model that plays the script; the name tells models of a fallback chain apart.
   *
   * @param name the model's name, reported as the model name of its responses
   * @param script the replies, in order
   * @return the model
   * @throws IllegalArgumentException if the name is blank
   */
  public static ScriptedChatModel named(String name, ModelScript script) {
    return new ScriptedChatModel(name, Objects.requireNonNull(script, "script"), null);
  }

  /**
   * Makes a named model that asks a function for each reply instead of playing a script: for
   * property tests that generate the model's behaviour, or replies that depend on the request. The
   * model never runs out of replies.
   *
   * <p>The function may be called from several threads at once if the model is shared.
   *
   * @param name the model's name
   * @param responder gives the step for each request; must not return null
   * @return the model
   * @throws IllegalArgumentException if the name is blank
   */
  public static ScriptedChatModel responding(
      String name, Function<? super ChatRequest, ? extends ModelStep> responder) {
    return new ScriptedChatModel(name, null, Objects.requireNonNull(responder, "responder"));
  }

  /**
   * The model's name.
   *
   * @return the name given at creation, {@code scripted} by default
   */
  public String name() {
    return name;
  }

  /**
   * Plays the next step for the request.
   *
   * @param request what the agent sent
   * @return the scripted reply
   * @throws RuntimeException the scripted failure, as the OpenAI client would throw it
   * @throws IllegalStateException if the script is exhausted
   */
  @Override
  public ChatResponse doChat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    ModelStep step = nextStep(request);
    sleep(step);
    return switch (step) {
      case ModelStep.Answer answer -> respond(AiMessage.from(OpenAiWire.answerText(answer)));
      case ModelStep.Text text -> respond(AiMessage.from(text.text()));
      case ModelStep.ToolCalls calls -> respond(AiMessage.from(toolRequests(calls)));
      case ModelStep.Failure failure -> throw ClientExceptions.forFailure(failure.kind());
    };
  }

  private ModelStep nextStep(ChatRequest request) {
    int index;
    lock.lock();
    try {
      index = requests.size();
      requests.add(request);
    } finally {
      lock.unlock();
    }
    if (responder != null) {
      return Objects.requireNonNull(
          responder.apply(request),
          () -> "the responder of scripted model '" + name + "' returned null; return a ModelStep");
    }
    if (index >= script.size()) {
      throw new IllegalStateException(
          "scripted model '"
              + name
              + "': script exhausted after "
              + script.size()
              + " replies; add a step or expect fewer model calls");
    }
    return script.steps().get(index);
  }

  private static void sleep(ModelStep step) {
    if (step.delay().isZero()) {
      return;
    }
    try {
      Thread.sleep(step.delay());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ClientExceptions.interrupted(e);
    }
  }

  private List<ToolExecutionRequest> toolRequests(ModelStep.ToolCalls calls) {
    List<ToolExecutionRequest> result = new ArrayList<>(calls.calls().size());
    for (ModelStep.ToolCall call : calls.calls()) {
      result.add(
          ToolExecutionRequest.builder()
              .id("call_" + toolCallIds.incrementAndGet())
              .name(call.name())
              .arguments(call.argumentsJson())
              .build());
    }
    return result;
  }

  private ChatResponse respond(AiMessage message) {
    return ChatResponse.builder()
        .aiMessage(message)
        .metadata(
            ChatResponseMetadata.builder()
                .modelName(name)
                .tokenUsage(
                    new TokenUsage(
                        ModelScript.INPUT_TOKENS_PER_REPLY, ModelScript.OUTPUT_TOKENS_PER_REPLY))
                .finishReason(
                    message.hasToolExecutionRequests()
                        ? FinishReason.TOOL_EXECUTION
                        : FinishReason.STOP)
                .build())
        .build();
  }

  /**
   * The requests received so far, in the order their steps were taken.
   *
   * @return an unmodifiable snapshot
   */
  public List<ChatRequest> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The names of the tools offered in one request, in the order they were offered.
   *
   * @param requestIndex which request, 0 for the first
   * @return the tool names; empty if the request offered none
   * @throws IndexOutOfBoundsException if fewer requests were received, with the number received
   */
  public List<String> offeredToolNames(int requestIndex) {
    List<ChatRequest> received = requests();
    if (requestIndex < 0 || requestIndex >= received.size()) {
      throw new IndexOutOfBoundsException(
          "scripted model '"
              + name
              + "' received "
              + received.size()
              + " requests; there is no request "
              + requestIndex);
    }
    List<ToolSpecification> tools = received.get(requestIndex).toolSpecifications();
    return tools == null ? List.of() : tools.stream().map(ToolSpecification::name).toList();
  }

  /**
   * How many steps of the script are still to be played.
   *
   * @return the steps left, never negative; {@link Integer#MAX_VALUE} for a {@linkplain #responding
   *     responding} model, which never runs out
   */
  public int remainingSteps() {
    if (script == null) {
      return Integer.MAX_VALUE;
    }
    lock.lock();
    try {
      return Math.max(0, script.size() - requests.size());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ScriptedChatModel[" + name + "]";
  }
}
