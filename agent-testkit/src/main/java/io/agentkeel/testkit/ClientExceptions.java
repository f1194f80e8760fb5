package io.agentkeel.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * The exceptions LangChain4j's OpenAI client ({@code OpenAiChatModel}, {@code maxRetries(0)}, JDK
 * HTTP client) throws for each scripted failure, built with the same types, causes and messages.
 * {@code ScriptedChatModelParityTest} checks them against the real client and {@link
 * ScriptedOpenAiServer}.
 */
final class ClientExceptions {

  /**
   * LangChain4j's OpenAI client parses with a Jackson 2 mapper; parse the same way to fail alike.
   */
  private static final ObjectMapper JACKSON2 = new ObjectMapper();

  private ClientExceptions() {}

  /** The exception for a failure kind. */
  static RuntimeException forFailure(ScriptedFailure kind) {
    return switch (kind) {
      // ExceptionMapper maps the JDK client's HttpException by status code.
      case RATE_LIMITED ->
          new RateLimitException(new HttpException(429, OpenAiWire.RATE_LIMITED_BODY));
      case SERVER_ERROR ->
          new InternalServerException(new HttpException(500, OpenAiWire.SERVER_ERROR_BODY));
      // JdkHttpClient turns java.net.http.HttpTimeoutException into TimeoutException.
      case TIMEOUT -> new TimeoutException(new HttpTimeoutException("request timed out"));
      // The client's Json.fromJson wraps Jackson 2's JsonProcessingException in a RuntimeException.
      case MALFORMED -> unparsable(OpenAiWire.MALFORMED_BODY);
      case RATE_LIMITED_WITHOUT_RETRY_AFTER ->
          new RateLimitException(new HttpException(429, OpenAiWire.RATE_LIMITED_BODY));
      // OpenAiChatModel checks the parsed response for choices before reading the first.
      case EMPTY_CHOICES ->
          new InternalServerException("Chat completion failed: no choices returned in response");
    };
  }

  private static RuntimeException unparsable(String body) {
    try {
      JACKSON2.readTree(body);
    } catch (JsonProcessingException e) {
      return new RuntimeException(e);
    }
    throw new IllegalStateException("the scripted unparsable body parsed as JSON; it must not");
  }

  /**
   * What the OpenAI client's retry loop throws when the calling thread is interrupted during a
   * call.
   */
  static RuntimeException interrupted(InterruptedException e) {
    return new RuntimeException("Interrupted during action execution", new RuntimeException(e));
  }
}
