package io.agentkeel.core;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/** Builders for tests of building an agent, whose model is never asked anything that matters. */
final class Builders {

  private static final ChatModel MODEL =
      new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
          return ChatResponse.builder().aiMessage(AiMessage.from("unused")).build();
        }
      };

  private Builders() {}

  /** A builder with one model and no plugin discovery. */
  static AgentKeel.Builder withUnusedModel() {
    return AgentKeel.builder().model("m", MODEL).noPluginDiscovery();
  }
}
