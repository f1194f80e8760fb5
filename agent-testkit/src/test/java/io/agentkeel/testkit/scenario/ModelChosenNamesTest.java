package io.agentkeel.testkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names the model chooses (a tool it made up, a call's id) reach listeners and the audit only
 * through the output filters, like every other text the model writes.
 */
class ModelChosenNamesTest {

  private static final Principal SUPPORT =
      new Principal("support-bot", "acme", Set.of("orders:read", "payments:write"));
  private static final String EMAIL = "ivy@example.com";

  private final List<AgentEvent> heard = new CopyOnWriteArrayList<>();
  private final List<AgentEvent> audited = new CopyOnWriteArrayList<>();
  private Agent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  /** Calls a tool it made up and a write tool, each with an id holding an e-mail, then answers. */
  private static ChatModel hostileModel() {
    AtomicInteger turn = new AtomicInteger();
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        AiMessage reply =
            turn.getAndIncrement() == 0
                ? AiMessage.from(
                    List.of(
                        ToolExecutionRequest.builder()
                            .id("call_" + EMAIL)
                            .name("mail_" + EMAIL)
                            .arguments("{}")
                            .build(),
                        ToolExecutionRequest.builder()
                            .id("call2_" + EMAIL)
                            .name("issue_refund")
                            .arguments("{\"order_id\":\"A-1\"}")
                            .build()))
                : AiMessage.from(
                    "{\"answer\":\"done\",\"confidence\":0.95,\"reasoning_summary\":\"ok\"}");
        return ChatResponse.builder().aiMessage(reply).build();
      }
    };
  }

  @Test
  void aMadeUpToolNameAndACallIdReachListenersAndTheAuditFiltered() {
    OutputFilter emails =
        new OutputFilter() {
          @Override
          public String name() {
            return "emails";
          }

          @Override
          public String filter(String text, OutputChannel channel, RunContext context) {
            return text.replace(EMAIL, "[email]");
          }
        };
    agent =
        AgentKeel.builder()
            .model("primary", hostileModel())
            .tools(new OrderDeskTools())
            .noPluginDiscovery()
            .add(OutputFilter.class, emails)
            .add(AgentEventListener.class, (event, context) -> heard.add(event))
            .add(AuditSink.class, audited::add)
            .build();

    AgentResult result =
        agent.execute(Task.builder().input("refund A-1").principal(SUPPORT).build());

    assertThat(result.completed()).as(result.reason()).isTrue();
    // Before: core escaped these names' control characters but did not filter them, so the
    // address reached every listener and the audit trail.
    assertThat(heard).filteredOn(AgentEvent.ToolFailed.class::isInstance).isNotEmpty();
    assertThat(heard).filteredOn(AgentEvent.ToolIntended.class::isInstance).isNotEmpty();
    for (List<AgentEvent> events : List.of(heard, audited, result.trace())) {
      assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(EMAIL));
    }
    assertThat(heard)
        .filteredOn(AgentEvent.ToolFailed.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((AgentEvent.ToolFailed) e).tool()).isEqualTo("mail_[email]"));
  }
}
