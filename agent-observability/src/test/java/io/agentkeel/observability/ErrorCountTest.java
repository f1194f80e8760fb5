package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.GuardVerdict;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TextSource;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.UntrustedText;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One error is counted once, though core reports some errors in two events. */
class ErrorCountTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Observability observability =
      Observability.builder().meterRegistry(registry).openTelemetry(OpenTelemetry.noop()).build();
  private Agent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  private double errors(String category) {
    var counter =
        registry
            .find(MetricNames.ERRORS)
            .tags("workflow", "orders", "category", category)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /** Withholds every tool result. */
  private static final class ToolResultGuard implements InputGuard {
    @Override
    public String name() {
      return "no-tool-results";
    }

    @Override
    public GuardVerdict inspect(UntrustedText text, RunContext context) {
      return text.source() == TextSource.TOOL_RESULT
          ? GuardVerdict.block("tool results are withheld")
          : GuardVerdict.allow(text.text());
    }
  }

  @Test
  void aToolResultAGuardBlockedIsOneGuardError() {
    agent =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.named(
                    "primary",
                    ModelScript.builder()
                        .toolCall("lookup_order", "{\"order_id\":\"A-1\"}")
                        .answer("I could not look it up.", 0.95, "no result")
                        .build()))
            .tools(new ShopTools())
            .workflow(AgentScenarioTest.ORDERS)
            .reviewQueue(new InMemoryReviewQueue())
            .add(InputGuard.class, new ToolResultGuard())
            .extension(new ObservabilityExtension(observability))
            .noPluginDiscovery()
            .build();

    agent.execute(AgentScenarioTest.task("t-blocked", "Where is A-1?"));
    observability.listener().flush();

    // Before: 2. Core reports the block as the guard's decision (GuardDecision BLOCKED, subject
    // tool_result:lookup_order) and as the call's failure (ToolFailed BLOCKED_RESULT).
    assertThat(errors("guard")).isEqualTo(1);
  }

  @Test
  void aToolCallTheRunWasAbandonedInIsOneTimeoutError() {
    RunContext run = Events.run("t-abandoned", Events.ORDERS);
    String reason = "the time budget of PT1M ran out and tool refund ignored it";
    // What core's supervisor reports when it abandons a run stuck in a tool call.
    for (AgentEvent event :
        new AgentEvent[] {
          new AgentEvent.TaskStarted("t-abandoned", Events.AT, "orders", "alice"),
          new AgentEvent.ToolFailed(
              "t-abandoned",
              Events.AT,
              "refund",
              "{}",
              ToolFailureKind.ABANDONED,
              reason,
              Duration.ZERO),
          new AgentEvent.LimitReached(
              "t-abandoned", Events.AT, AgentEvent.Limit.ABANDONED_CALL, reason),
          new AgentEvent.TaskFinished(
              "t-abandoned",
              Events.AT,
              new Outcome.Failed(FailureCategory.INTERNAL, reason),
              Duration.ofMinutes(1),
              TokenUsage.ZERO,
              1)
        }) {
      observability.listener().onEvent(event, run);
    }
    observability.listener().flush();

    // Before: 2, the call's failure and the limit each counted the one abandoned call.
    assertThat(errors("timeout")).isEqualTo(1);
  }
}
