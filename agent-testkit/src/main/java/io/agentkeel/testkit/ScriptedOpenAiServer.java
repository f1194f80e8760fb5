package io.agentkeel.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server on {@code 127.0.0.1} that speaks the OpenAI chat-completions wire format
 * (non-streaming) and plays a {@link ModelScript}: for testing an agent through a real HTTP client,
 * such as LangChain4j's {@code OpenAiChatModel} pointed at {@link #baseUrl()}.
 *
 * <p>It serves {@code POST {baseUrl}/chat/completions}; each request takes the next step:
 *
 * <ul>
 *   <li>a final answer or text: {@code choices[0].message.content}, {@code finish_reason: "stop"};
 *   <li>tool calls: {@code choices[0].message.tool_calls} with ids {@code call_1}, {@code call_2},
 *       ... and {@code finish_reason: "tool_calls"};
 *   <li>{@link ScriptedFailure#RATE_LIMITED}: status 429, an OpenAI-style error body and {@code
 *       Retry-After: 1};
 *   <li>{@link ScriptedFailure#SERVER_ERROR}: status 500 with an OpenAI-style error body;
 *   <li>{@link ScriptedFailure#TIMEOUT}: no answer until the step's delay (or, if it has none, the
 *       server's timeout delay) has passed, then status 408, so a client whose timeout is longer
 *       still sees a timeout;
 *   <li>{@link ScriptedFailure#MALFORMED}: status 200 with a body that is not JSON (an HTML page);
 *   <li>{@link ScriptedFailure#RATE_LIMITED_WITHOUT_RETRY_AFTER}: status 429 and the error body,
 *       without {@code Retry-After};
 *   <li>{@link ScriptedFailure#EMPTY_CHOICES}: status 200 with a completion whose {@code choices}
 *       list is empty.
 * </ul>
 *
 * <p>Every reply reports {@link ModelScript#INPUT_TOKENS_PER_REPLY} prompt and {@link
 * ModelScript#OUTPUT_TOKENS_PER_REPLY} completion tokens. A step's delay is slept before the
 * answer. A request after the last step gets status 500 with a message saying the script is
 * exhausted. Requests are served on virtual threads, so a sleeping exchange does not hold up
 * others; {@link #close()} interrupts them and stops at once.
 *
 * <pre>{@code
 * try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start(script)) {
 *   ChatModel model = OpenAiChatModel.builder()
 *       .baseUrl(server.baseUrl()).apiKey("test").modelName("scripted")
 *       .maxRetries(0).timeout(Duration.ofSeconds(2))
 *       .build();
 *   ...
 *   assertThat(server.offeredToolNames(0)).containsExactly("find_order");
 * }
 * }</pre>
 *
 * <p>Thread-safe. The server binds the loopback address only.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

  /** How long a {@link ScriptedFailure#TIMEOUT} step without a delay of its own holds a request. */
  public static final Duration DEFAULT_TIMEOUT_DELAY = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(ScriptedOpenAiServer.class);
  private static final String BASE_PATH = "/v1";
  private static final String CHAT_COMPLETIONS = BASE_PATH + "/chat/completions";

  private final ModelScript script;
  private final Duration timeoutDelay;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<String> requestBodies = new ArrayList<>();
  private final AtomicInteger toolCallIds = new AtomicInteger();
  private final AtomicInteger completionIds = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ScriptedOpenAiServer(ModelScript script, Duration timeoutDelay) throws IOException {
    this.script = script;
    this.timeoutDelay = timeoutDelay;
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
  }

  /**
   * Starts a server that plays the script, holding {@link ScriptedFailure#TIMEOUT} requests for
   * {@link #DEFAULT_TIMEOUT_DELAY} unless a step gives its own delay.
   *
   * @param script the replies, in order
   * @return the running server; close it when done
   * @throws UncheckedIOException if no port can be bound on 127.0.0.1
   */
  public static ScriptedOpenAiServer start(ModelScript script) {
    return start(script, DEFAULT_TIMEOUT_DELAY);
  }

  /**
   * Starts a server that plays the script.
   *
   * @param script the replies, in order
   * @param timeoutDelay how long a {@link ScriptedFailure#TIMEOUT} step without a delay of its own
   *     holds the request; choose it longer than the client's timeout
   * @return the running server; close it when done
   * @throws IllegalArgumentException if the timeout delay is not positive
   * @throws UncheckedIOException if no port can be bound on 127.0.0.1
   */
  public static ScriptedOpenAiServer start(ModelScript script, Duration timeoutDelay) {
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(timeoutDelay, "timeoutDelay");
    if (timeoutDelay.isNegative() || timeoutDelay.isZero()) {
      throw new IllegalArgumentException("the timeout delay must be positive, was " + timeoutDelay);
    }
    ScriptedOpenAiServer scripted;
    try {
      scripted = new ScriptedOpenAiServer(script, timeoutDelay);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the scripted OpenAI server to 127.0.0.1", e);
    }
    scripted.server.createContext(BASE_PATH, scripted::handle);
    scripted.server.start();
    log.debug("scripted OpenAI server listening at {}", scripted.baseUrl());
    return scripted;
  }

  /**
   * The base URL to give an OpenAI client, such as {@code http://127.0.0.1:PORT/v1}.
   *
   * @return the base URL, without a trailing slash
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
  }

  /**
   * The bodies of the chat-completions requests received so far, in the order their steps were
   * taken.
   *
   * @return an unmodifiable snapshot of the raw JSON bodies
   */
  public List<String> requestBodies() {
    lock.lock();
    try {
      return List.copyOf(requestBodies);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The names of the tools offered in one request ({@code tools[].function.name}), in order.
   *
   * @param requestIndex which request, 0 for the first
   * @return the tool names; empty if the request offered none
   * @throws IndexOutOfBoundsException if fewer requests were received, with the number received
   */
  public List<String> offeredToolNames(int requestIndex) {
    List<String> bodies = requestBodies();
    if (requestIndex < 0 || requestIndex >= bodies.size()) {
      throw new IndexOutOfBoundsException(
          "the scripted server received "
              + bodies.size()
              + " requests; there is no request "
              + requestIndex);
    }
    return OpenAiWire.offeredToolNames(bodies.get(requestIndex));
  }

  /**
   * How many steps of the script are still to be played.
   *
   * @return the steps left, never negative
   */
  public int remainingSteps() {
    lock.lock();
    try {
      return Math.max(0, script.size() - requestBodies.size());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the server at once: interrupts requests still being held and frees the port. Calling it
   * again does nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // Stop accepting first, so no exchange reaches the executor after it is shut down.
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, OpenAiWire.error("use POST", "invalid_request_error", null));
        return;
      }
      if (!CHAT_COMPLETIONS.equals(exchange.getRequestURI().getPath())) {
        send(
            exchange,
            404,
            OpenAiWire.error(
                "the scripted server serves only " + CHAT_COMPLETIONS,
                "invalid_request_error",
                "unknown_url"));
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int index;
      lock.lock();
      try {
        index = requestBodies.size();
        requestBodies.add(body);
      } finally {
        lock.unlock();
      }
      if (index >= script.size()) {
        String message =
            "scripted server: script exhausted after "
                + script.size()
                + " replies; add a step or expect fewer model calls";
        log.warn(message);
        send(exchange, 500, OpenAiWire.error(message, "scripted_server_error", null));
        return;
      }
      play(exchange, script.steps().get(index), body);
    } catch (IOException e) {
      // The client went away, for instance after its own timeout; there is no one to answer.
      log.debug("scripted OpenAI server could not answer: {}", e.toString());
    } catch (InterruptedException e) {
      // close() interrupts held requests; end without answering.
      Thread.currentThread().interrupt();
    }
  }

  private void play(HttpExchange exchange, ModelStep step, String body)
      throws IOException, InterruptedException {
    boolean timeout =
        step instanceof ModelStep.Failure failure && failure.kind() == ScriptedFailure.TIMEOUT;
    Duration delay = timeout && step.delay().isZero() ? timeoutDelay : step.delay();
    if (!delay.isZero()) {
      Thread.sleep(delay);
    }
    switch (step) {
      case ModelStep.Answer answer ->
          sendCompletion(exchange, body, OpenAiWire.answerText(answer), List.of());
      case ModelStep.Text text -> sendCompletion(exchange, body, text.text(), List.of());
      case ModelStep.ToolCalls calls -> {
        List<OpenAiWire.IdentifiedCall> identified = new ArrayList<>();
        for (ModelStep.ToolCall call : calls.calls()) {
          identified.add(
              new OpenAiWire.IdentifiedCall("call_" + toolCallIds.incrementAndGet(), call));
        }
        sendCompletion(exchange, body, null, identified);
      }
      case ModelStep.Failure failure -> sendFailure(exchange, failure.kind(), delay);
    }
  }

  private void sendCompletion(
      HttpExchange exchange,
      String requestBody,
      String content,
      List<OpenAiWire.IdentifiedCall> calls)
      throws IOException {
    String completion =
        OpenAiWire.completion(
            "chatcmpl-scripted-" + completionIds.incrementAndGet(),
            OpenAiWire.requestedModel(requestBody, "scripted"),
            Instant.now().getEpochSecond(),
            content,
            calls);
    send(exchange, 200, completion);
  }

  private static void sendFailure(HttpExchange exchange, ScriptedFailure kind, Duration waited)
      throws IOException {
    switch (kind) {
      case RATE_LIMITED -> {
        exchange
            .getResponseHeaders()
            .set("Retry-After", Integer.toString(OpenAiWire.RETRY_AFTER_SECONDS));
        send(exchange, 429, OpenAiWire.RATE_LIMITED_BODY);
      }
      case SERVER_ERROR -> send(exchange, 500, OpenAiWire.SERVER_ERROR_BODY);
      case TIMEOUT ->
          send(
              exchange,
              408,
              OpenAiWire.error(
                  "the scripted server held the request for "
                      + waited
                      + "; give the client a shorter timeout to see a client-side timeout",
                  "timeout",
                  null));
      case MALFORMED -> send(exchange, 200, OpenAiWire.MALFORMED_BODY);
      case RATE_LIMITED_WITHOUT_RETRY_AFTER -> send(exchange, 429, OpenAiWire.RATE_LIMITED_BODY);
      case EMPTY_CHOICES -> send(exchange, 200, OpenAiWire.EMPTY_CHOICES_BODY);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public String toString() {
    return "ScriptedOpenAiServer[" + baseUrl() + "]";
  }
}
