package io.agentkeel.testkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.testkit.ScriptedFailure;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Whatever the model does — any mix of tool calls, failures, garbage and slowness — the loop
 * returns within its budgets with exactly one outcome, and never runs a tool the principal was not
 * granted.
 */
class LoopPropertiesTest {

  private static final Duration TIME_BUDGET = Duration.ofMillis(400);
  private static final int STEP_BUDGET = 5;

  /** Generous slack over the time budget for thread scheduling on a loaded machine. */
  private static final Duration SLACK = Duration.ofSeconds(2);

  private static final List<String> SCOPES =
      List.of("orders:read", "orders:write", "payments:write");

  /** One model reply, chosen by code, with a delay in milliseconds. */
  private record Behaviour(int code, int delayMillis) {
    ModelStep step() {
      ModelStep step =
          switch (code) {
            case 0 -> ModelStep.answer("done", 0.95, "sure");
            case 1 -> ModelStep.answer("maybe", 0.6, "unsure");
            case 2 -> ModelStep.answer("no idea", 0.1, "guess");
            case 3 -> ModelStep.text("}{ not json at all");
            case 4 -> ModelStep.toolCall("lookup_order", "{\"order_id\":\"A-1\"}");
            case 5 -> ModelStep.toolCall("lookup_order", "{\"order_id\":42, \"extra\":true}");
            case 6 -> ModelStep.toolCall("no_such_tool", "{}");
            case 7 -> ModelStep.toolCall("issue_refund", "{\"order_id\":\"A-1\"}");
            case 8 -> ModelStep.toolCall("cancel_order", "{\"order_id\":\"A-1\"}");
            case 9 -> ModelStep.toolCall("slow_lookup", "{\"order_id\":\"A-9\"}");
            case 10 -> ModelStep.failure(ScriptedFailure.SERVER_ERROR);
            case 11 -> ModelStep.failure(ScriptedFailure.RATE_LIMITED);
            case 12 -> ModelStep.failure(ScriptedFailure.TIMEOUT);
            case 13 -> ModelStep.failure(ScriptedFailure.MALFORMED);
            case 14 -> ModelStep.toolCall("lookup_order", "not json");
            default ->
                ModelStep.toolCalls(
                    new ModelStep.ToolCall("lookup_order", "{\"order_id\":\"A-2\"}"),
                    new ModelStep.ToolCall("issue_refund", "{\"order_id\":\"A-2\"}"));
          };
      return delayMillis == 0 ? step : step.after(Duration.ofMillis(delayMillis));
    }
  }

  private static Gen<Behaviour> behaviours() {
    // Mostly instant; sometimes slow, and sometimes far slower than the whole time budget.
    Gen<Integer> delays =
        integers().between(0, 9).map(i -> i < 6 ? 0 : new int[] {150, 300, 600, 3_000}[i - 6]);
    return integers().between(0, 15).zip(delays, Behaviour::new);
  }

  @Test
  void everyRunEndsInOneOutcomeWithinBudgetAndNeverRunsAToolOutsideItsGrants() {
    qt().withExamples(60)
        .withShrinkCycles(20)
        .forAll(
            lists().of(behaviours()).ofSizeBetween(1, 8),
            integers().between(0, 7),
            integers().between(0, 1))
        .checkAssert(
            (script, grantMask, withReviewer) -> run(script, grantMask, withReviewer == 1));
  }

  private static void run(List<Behaviour> script, int grantMask, boolean withReviewer) {
    Set<String> grants = new HashSet<>();
    for (int i = 0; i < SCOPES.size(); i++) {
      if ((grantMask & (1 << i)) != 0) {
        grants.add(SCOPES.get(i));
      }
    }
    OrderDeskTools tools = new OrderDeskTools();
    AtomicInteger next = new AtomicInteger();
    ScriptedChatModel model =
        ScriptedChatModel.responding(
            "random", request -> script.get(next.getAndIncrement() % script.size()).step());
    AgentKeel.Builder builder =
        AgentKeel.builder()
            .model("random", model)
            .tools(tools)
            .noPluginDiscovery()
            .workflow(
                Workflow.builder(Workflow.DEFAULT_NAME)
                    .budget(new LoopBudget(STEP_BUDGET, TIME_BUDGET, 2, 1, Duration.ofMillis(100)))
                    .build());
    if (withReviewer) {
      builder.reviewQueue(new InMemoryReviewQueue());
    }
    Agent agent = builder.build();
    try {
      Task task =
          Task.builder()
              .input("help with my order")
              .principal(new Principal("user", "acme", grants))
              .build();
      long started = System.nanoTime();
      AgentResult result = agent.execute(task);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(result.outcome()).isNotNull();
      assertThat(result.trace().stream().filter(AgentEvent.TaskFinished.class::isInstance))
          .hasSize(1);
      assertThat(result.trace().getLast()).isInstanceOf(AgentEvent.TaskFinished.class);
      assertThat(took).isLessThan(TIME_BUDGET.plus(SLACK));
      assertThat(model.requests()).hasSizeLessThanOrEqualTo(STEP_BUDGET);
      if (!grants.contains("payments:write")) {
        assertThat(tools.refunds).hasValue(0);
      }
      if (!grants.contains("orders:read")) {
        assertThat(tools.lookups).hasValue(0);
        assertThat(tools.slowCalls).hasValue(0);
      }
      // A destructive call never runs without a person's approval, granted or not.
      assertThat(tools.cancels).hasValue(0);
    } finally {
      agent.close();
    }
  }
}
