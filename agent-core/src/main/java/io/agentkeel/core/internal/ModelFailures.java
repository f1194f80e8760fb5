package io.agentkeel.core.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import io.agentkeel.api.ModelFailureKind;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Sorts a model call's failure into a {@link ModelFailureKind} by walking its causes. */
final class ModelFailures {
  private ModelFailures() {}

  /** The most causes looked at: a client's own getCause() may make a new one each time. */
  static final int MAX_CAUSES = 64;

  /**
   * The failure and its causes, outermost first, each once: two exceptions may each name the other
   * as cause ({@code initCause} refuses only the exception itself), and walking such a chain to its
   * end never ended.
   */
  static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure;
        t != null && chain.size() < MAX_CAUSES && seen.add(t);
        t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  static ModelFailureKind classify(Throwable failure) {
    for (Throwable t : causes(failure)) {
      if (t instanceof RateLimitException) {
        return ModelFailureKind.RATE_LIMITED;
      }
      if (t instanceof dev.langchain4j.exception.TimeoutException
          || t instanceof java.util.concurrent.TimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof InterruptedIOException) {
        return ModelFailureKind.TIMEOUT;
      }
      if (t instanceof InternalServerException) {
        return ModelFailureKind.SERVER_ERROR;
      }
      if (t instanceof HttpException http) {
        if (http.statusCode() == 429) {
          return ModelFailureKind.RATE_LIMITED;
        }
        if (http.statusCode() >= 500) {
          return ModelFailureKind.SERVER_ERROR;
        }
      }
      String name = t.getClass().getName();
      if (name.contains("Json") || name.contains("Jackson")) {
        return ModelFailureKind.INVALID_RESPONSE;
      }
    }
    return ModelFailureKind.OTHER;
  }

  /**
   * A reason safe to log and show: the kind, the exception's class and its innermost cause's (such
   * as a {@code ConnectException} under the client's {@code RuntimeException}), never a message,
   * which may repeat the request.
   */
  static String describe(ModelFailureKind kind, Throwable failure) {
    String reason =
        switch (kind) {
          case RATE_LIMITED -> "rate limited by the provider";
          case TIMEOUT -> "no answer in time";
          case SERVER_ERROR -> "server error";
          case INVALID_RESPONSE -> "unreadable response";
          case OTHER -> "call failed";
        };
    if (failure instanceof HttpException http) {
      reason += " (HTTP " + http.statusCode() + ")";
    }
    // The classes of the cause chain, outermost first, each once: the client's wrapper says
    // little, a ConnectException under it says the server is not there.
    List<String> classes = new ArrayList<>();
    for (Throwable t : causes(failure)) {
      String name = t.getClass().getSimpleName();
      if (!classes.contains(name)) {
        classes.add(name);
      }
      if (classes.size() == 4) {
        break;
      }
    }
    return reason + " [" + String.join(" < ", classes) + "]";
  }
}
