package io.agentkeel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import org.junit.jupiter.api.Test;

class ResubmitTest {

  /** Answers at once. */
  private static final class InstantModel implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      return ChatResponse.builder()
          .aiMessage(
              AiMessage.from(
                  "{\"answer\":\"ok\",\"confidence\":0.95,\"reasoning_summary\":\"answered\"}"))
          .build();
    }
  }

  @Test
  void aTaskResubmittedOnceItsFutureCompletedIsNotRefusedAsStillInFlight() {
    // Before the fix the id was released only after the outcome was published: nine resubmissions
    // in ten were refused as "already in flight".
    try (Agent agent =
        AgentKeel.builder().model("instant", new InstantModel()).noPluginDiscovery().build()) {
      Task same = Task.builder().id("same-task").input("hi").principal(Principal.of("u")).build();

      for (int i = 0; i < 50; i++) {
        AgentResult result = agent.submit(same).join();

        assertThat(result.completed()).as("run %d: %s", i, result.reason()).isTrue();
      }
    }
  }
}
