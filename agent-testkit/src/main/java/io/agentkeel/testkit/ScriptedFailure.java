package io.agentkeel.testkit;

/**
 * A model failure that a {@link ModelScript} produces on cue. {@link ScriptedChatModel} throws, and
 * {@link ScriptedOpenAiServer} provokes in LangChain4j's OpenAI client, the same exception for each
 * kind, so code that classifies model errors sees identical exceptions in-process and over HTTP.
 */
public enum ScriptedFailure {
  /**
   * The provider refuses for its rate limit: HTTP 429 with an OpenAI-style error body and a {@code
   * Retry-After} header. LangChain4j throws {@link dev.langchain4j.exception.RateLimitException}.
   */
  RATE_LIMITED,

  /**
   * The provider fails on its side: HTTP 500. LangChain4j throws {@link
   * dev.langchain4j.exception.InternalServerException}.
   */
  SERVER_ERROR,

  /**
   * The provider answers only after the client's timeout. LangChain4j throws {@link
   * dev.langchain4j.exception.TimeoutException}.
   */
  TIMEOUT,

  /**
   * The provider answers HTTP 200 with a body that is not JSON. LangChain4j's OpenAI client throws
   * a plain {@link RuntimeException} whose cause is Jackson 2's {@code
   * com.fasterxml.jackson.core.JsonParseException}. The body is an HTML error page, as a proxy or
   * gateway in front of the provider sends.
   */
  MALFORMED,

  /**
   * The provider refuses for its rate limit as {@link #RATE_LIMITED} does, but without a {@code
   * Retry-After} header. LangChain4j throws {@link dev.langchain4j.exception.RateLimitException}.
   */
  RATE_LIMITED_WITHOUT_RETRY_AFTER,

  /**
   * The provider answers HTTP 200 with a well-formed completion whose {@code choices} list is
   * empty. LangChain4j's OpenAI client fails reading the first choice.
   */
  EMPTY_CHOICES
}
