package io.agentkeel.core;

import dev.langchain4j.model.chat.ChatModel;
import java.util.Objects;

/**
 * A chat model with the name it has in the agent's fallback chain, as it appears in events.
 *
 * @param name the model's name in the chain, such as {@code primary}
 * @param model the LangChain4j chat model
 */
public record NamedModel(String name, ChatModel model) {

  /**
   * Validates the pair.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public NamedModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a model in the fallback chain needs a name");
    }
  }
}
