package io.agentkeel.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import io.agentkeel.api.ModelFailureKind;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class ModelFailuresTest {

  @Test
  void classifiesWhatLangChain4jClientsThrow() {
    assertThat(ModelFailures.classify(new RateLimitException(new HttpException(429, "slow down"))))
        .isEqualTo(ModelFailureKind.RATE_LIMITED);
    assertThat(ModelFailures.classify(new InternalServerException(new HttpException(500, "x"))))
        .isEqualTo(ModelFailureKind.SERVER_ERROR);
    assertThat(
            ModelFailures.classify(
                new dev.langchain4j.exception.TimeoutException(new HttpTimeoutException("t"))))
        .isEqualTo(ModelFailureKind.TIMEOUT);
    assertThat(ModelFailures.classify(new HttpException(503, "unavailable")))
        .isEqualTo(ModelFailureKind.SERVER_ERROR);
    assertThat(ModelFailures.classify(new HttpException(429, "limited")))
        .isEqualTo(ModelFailureKind.RATE_LIMITED);
    assertThat(ModelFailures.classify(new HttpException(401, "who are you")))
        .isEqualTo(ModelFailureKind.OTHER);
  }

  @Test
  void unreadableResponsesAreRecognisedByTheParserInTheCauses() {
    RuntimeException wrapped =
        new RuntimeException(
            new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character"));

    assertThat(ModelFailures.classify(wrapped)).isEqualTo(ModelFailureKind.INVALID_RESPONSE);
  }

  @Test
  void theDescriptionNamesTheKindAndStatusButNeverTheMessage() {
    String reason =
        ModelFailures.describe(
            ModelFailureKind.SERVER_ERROR,
            new InternalServerException(new HttpException(500, "secret-token-in-body")));

    assertThat(reason).contains("server error").doesNotContain("secret-token-in-body");
    assertThat(ModelFailures.describe(ModelFailureKind.RATE_LIMITED, new HttpException(429, "b")))
        .contains("HTTP 429");
  }

  @Test
  void theDescriptionNamesTheClassesOfTheCauseChainButNoMessage() {
    RuntimeException refused =
        new RuntimeException(
            new java.net.ConnectException("Connection refused to secret-host?key=sk-123"));
    refused.getCause().initCause(new java.nio.channels.ClosedChannelException());

    assertThat(ModelFailures.describe(ModelFailureKind.OTHER, refused))
        .isEqualTo("call failed [RuntimeException < ConnectException < ClosedChannelException]")
        .doesNotContain("sk-123");
  }

  /** An exception that fails the test, instead of hanging it, once its cause is asked too often. */
  private static final class Looping extends RuntimeException {
    private static final java.util.concurrent.atomic.AtomicInteger ASKED =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public synchronized Throwable getCause() {
      if (ASKED.incrementAndGet() > 10_000) {
        throw new AssertionError("the cause chain was walked 10,000 times: it loops");
      }
      return super.getCause();
    }
  }

  @Test
  void aCauseChainThatLoopsBackIsWalkedOnce() {
    // initCause refuses only the exception itself: two may name each other.
    Looping first = new Looping();
    Looping second = new Looping();
    first.initCause(second);
    second.initCause(first);

    // Before: classify walked the loop forever, holding the run's thread past its outcome.
    assertThat(ModelFailures.classify(first)).isEqualTo(ModelFailureKind.OTHER);
    assertThat(ModelFailures.describe(ModelFailureKind.OTHER, first))
        .isEqualTo("call failed [Looping]");
  }
}
