package io.agentkeel.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a model call returned, as an interceptor sees it.
 *
 * @param responseModel the model that answered, as the provider reported it
 * @param tokens the tokens used, when reported
 * @param toolCalls how many tool calls the reply asks for; zero for a final answer
 */
public record ModelCallResult(
    Optional<String> responseModel, Optional<TokenUsage> tokens, int toolCalls) {

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public ModelCallResult {
    Objects.requireNonNull(responseModel, "responseModel");
    Objects.requireNonNull(tokens, "tokens");
  }
}
