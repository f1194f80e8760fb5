package io.agentkeel.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One model call as an interceptor sees it.
 *
 * @param model the model's name in the agent's fallback chain
 * @param provider the provider, such as {@code openai}, {@code anthropic}, {@code ollama}, or the
 *     model class's simple name when unknown
 * @param requestModel the model the provider is asked for, when known
 * @param step which model call of the run this is, from 1
 * @param attempt which model of the fallback chain, from 1
 * @param toolsOffered how many tools the request offers
 */
public record ModelCallInfo(
    String model,
    String provider,
    Optional<String> requestModel,
    int step,
    int attempt,
    int toolsOffered) {

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public ModelCallInfo {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(requestModel, "requestModel");
  }
}
