package io.agentkeel.testkit.scenario;

import static io.agentkeel.testkit.AgentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.api.TokenEstimator;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryAuditSink;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The arguments of a tool call are bounded like its result. Before, a 30 MB argument string from
 * the model was kept whole in the conversation, the events and the audit: the context reached about
 * 7.5 million estimated tokens against a budget of 16,000, which the budget promises to hold at
 * every step.
 */
class ToolArgumentBoundTest {

  private static final Principal SUPPORT =
      new Principal("support-bot", "acme", Set.of("orders:read"));
  private static final TokenEstimator ESTIMATOR = TokenEstimator.heuristic();

  @Test
  void aCallWithHugeArgumentsIsRefusedToTheModelAndKeptOutOfContextEventsAndAudit() {
    String huge = "{\"order_id\":\"A-1\",\"note\":\"" + "x".repeat(3_000_000) + "\"}";
    ScriptedChatModel model =
        ScriptedChatModel.named(
            "primary",
            ModelScript.builder()
                .toolCall("lookup_order", huge)
                .answer("I could not look it up.", 0.95, "the call was refused")
                .build());
    InMemoryAuditSink audit = new InMemoryAuditSink();
    AgentResult result;
    try (Agent agent =
        AgentKeel.builder()
            .model("primary", model)
            .tools(new OrderDeskTools())
            .add(AuditSink.class, audit)
            .noPluginDiscovery()
            .build()) {
      result = agent.execute(Task.builder().input("Where is A-1?").principal(SUPPORT).build());
    }

    assertThat(result)
        .isCompleted()
        .hasToolFailure("lookup_order", ToolFailureKind.INVALID_ARGUMENTS)
        .neverCalledTool("lookup_order");
    List<ChatMessage> seen = model.requests().get(1).messages();
    assertThat(tokens(seen)).isLessThanOrEqualTo(LoopBudget.DEFAULT.contextTokens());
    assertThat(seen.toString())
        .contains(
            "arguments too large: "
                + huge.length()
                + " characters, at most 16000; tool"
                + " 'lookup_order' did not run");
    assertThat(result.trace())
        .allSatisfy(event -> assertThat(event.toString()).hasSizeLessThan(2_000));
    assertThat(audit.events(result.taskId()))
        .allSatisfy(event -> assertThat(event.toString()).hasSizeLessThan(2_000));
  }

  @Test
  void argumentsWithinTheBoundAreElidedFromOlderRepliesWhenTheContextOutgrowsItsBudget() {
    int budget = 4_000;
    String big = "{\"order_id\":\"" + "A".repeat(12_000) + "\"}";
    ScriptedChatModel model =
        ScriptedChatModel.named(
            "primary",
            ModelScript.builder()
                .toolCall("lookup_order", big)
                .toolCall("lookup_order", big.replace("{\"order_id\":\"A", "{\"order_id\":\"B"))
                .answer("Neither order exists.", 0.95, "looked both up")
                .build());
    try (Agent agent =
        AgentKeel.builder()
            .model("primary", model)
            .tools(new OrderDeskTools())
            .workflow(
                Workflow.builder("default")
                    .budget(LoopBudget.DEFAULT.withContextTokens(budget))
                    .build())
            .noPluginDiscovery()
            .build()) {
      agent.execute(Task.builder().input("Where are my orders?").principal(SUPPORT).build());
    }

    for (int step = 1; step < model.requests().size(); step++) {
      assertThat(tokens(model.requests().get(step).messages()))
          .as("estimated tokens the model saw at step %d", step)
          .isLessThanOrEqualTo(budget);
    }
    assertThat(model.requests()).hasSize(3);
  }

  /** The estimated tokens of a conversation, as the agent's heuristic counts them. */
  private static long tokens(List<ChatMessage> messages) {
    long total = 0;
    for (ChatMessage message : messages) {
      total +=
          switch (message) {
            case SystemMessage m -> ESTIMATOR.estimate(m.text());
            case UserMessage m -> ESTIMATOR.estimate(m.singleText());
            case ToolExecutionResultMessage m -> ESTIMATOR.estimate(m.text());
            case AiMessage m -> {
              int sum = m.text() == null ? 0 : ESTIMATOR.estimate(m.text());
              if (m.hasToolExecutionRequests()) {
                for (ToolExecutionRequest call : m.toolExecutionRequests()) {
                  sum += ESTIMATOR.estimate(call.arguments()) + 4;
                }
              }
              yield sum;
            }
            default -> 1;
          };
    }
    return total;
  }
}
