package io.agentkeel.api.archfixture;

import dev.langchain4j.model.chat.ChatModel;

/** Fixture that breaks rule 1: an API type that mentions LangChain4j. */
public final class ApiTypeMentioningLangChain4j {
  private final ChatModel model;

  ApiTypeMentioningLangChain4j(ChatModel model) {
    this.model = model;
  }

  ChatModel model() {
    return model;
  }
}
