package io.agentkeel.testkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.ConfidenceScorer;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.GuardVerdict;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputValidator;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.TextSource;
import io.agentkeel.api.UntrustedText;
import io.agentkeel.api.ValidationResult;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Whatever the model does — any mix of tool calls, failures, garbage and slowness — and whatever
 * its tools and extension points do — any Throwable (Errors and sneaky checked exceptions), busy
 * loops and stalls that ignore interruption, slow or blocking guards, listeners, audit sinks,
 * validators and scorers — every execute and submit returns within the time budget plus the
 * documented grace, with exactly one outcome and an audit trail that ends with it, and never runs a
 * tool the principal was not granted (issue 7, done-when 2).
 */
class LoopPropertiesTest {

  private static final Duration TIME_BUDGET = Duration.ofMillis(400);
  private static final int STEP_BUDGET = 5;

  /** The run supervisor's documented grace after the deadline. */
  private static final Duration GRACE = Duration.ofMillis(500);

  /** Slack for thread scheduling on a loaded machine. */
  private static final Duration SLACK = Duration.ofMillis(1_500);

  /** Which extension point misbehaves in a run, and how. */
  private record Fault(int point, int kind) {
    static final String[] POINTS = {"none", "guard", "listener", "audit", "validator", "scorer"};

    /**
     * Misbehaves: 0 throws an Error, 1 a sneaky checked exception, 2 stalls ignoring interrupts.
     */
    void strike() {
      switch (kind) {
        case 0 -> throw new AssertionError("extension error");
        case 1 -> throw HostileTools.sneaky(new java.io.IOException("extension checked"));
        default -> HostileTools.ignoreInterrupts(700);
      }
    }

    boolean at(String name) {
      return POINTS[point].equals(name);
    }
  }

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
            case 16 ->
                ModelStep.toolCall(
                    "faulty_write",
                    "{\"mode\":\""
                        + new String[] {
                              "error", "checked", "overflow", "linkage", "spin", "stall", "ok"
                            }
                            [delayMillis % 7]
                        + "\"}");
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
    return integers().between(0, 16).zip(delays, Behaviour::new);
  }

  @Test
  void everyRunEndsInOneOutcomeWithinBudgetAndNeverRunsAToolOutsideItsGrants() {
    qt().withExamples(50)
        .withShrinkCycles(10)
        .forAll(
            lists().of(behaviours()).ofSizeBetween(1, 8),
            integers().between(0, 15),
            integers().between(0, Fault.POINTS.length - 1),
            integers().between(0, 2))
        .checkAssert((script, options, point, kind) ->
            run(script, options & 7, (options & 8) != 0, new Fault(point, kind)));
  }

  private static void run(List<Behaviour> script, int grantMask, boolean submit, Fault fault) {
    boolean withReviewer = (fault.point() + fault.kind()) % 2 == 0;
    Set<String> grants = new HashSet<>();
    for (int i = 0; i < SCOPES.size(); i++) {
      if ((grantMask & (1 << i)) != 0) {
        grants.add(SCOPES.get(i));
      }
    }
    OrderDeskTools tools = new OrderDeskTools();
    FaultyTools faulty = new FaultyTools();
    List<AgentEvent> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger next = new AtomicInteger();
    ScriptedChatModel model =
        ScriptedChatModel.responding(
            "random", request -> script.get(next.getAndIncrement() % script.size()).step());
    AgentKeel.Builder builder =
        AgentKeel.builder()
            .model("random", model)
            .tools(tools, faulty)
            .noPluginDiscovery()
            .add(
                AuditSink.class,
                event -> {
                  if (fault.at("audit") && event instanceof AgentEvent.ModelCalled) {
                    fault.strike();
                  }
                  audited.add(event);
                })
            .add(
                InputGuard.class,
                new InputGuard() {
                  @Override
                  public String name() {
                    return "faulty";
                  }

                  @Override
                  public GuardVerdict inspect(UntrustedText text, RunContext context) {
                    if (fault.at("guard") && text.source() == TextSource.TOOL_RESULT) {
                      fault.strike();
                    }
                    return GuardVerdict.allow(text.text());
                  }
                })
            .add(
                AgentEventListener.class,
                (event, context) -> {
                  if (fault.at("listener") && event instanceof AgentEvent.ModelCalled) {
                    fault.strike();
                  }
                })
            .add(
                OutputValidator.class,
                (answer, context) -> {
                  if (fault.at("validator")) {
                    fault.strike();
                  }
                  return ValidationResult.valid();
                })
            .use(
                ConfidenceScorer.class,
                (signals, context) -> {
                  if (fault.at("scorer")) {
                    fault.strike();
                  }
                  return new Confidence(signals.reported().orElse(0.5), "scored");
                })
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
      AgentResult result =
          submit ? agent.submit(task).get(10, TimeUnit.SECONDS) : agent.execute(task);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(result.outcome()).isNotNull();
      assertThat(result.trace().stream().filter(AgentEvent.TaskFinished.class::isInstance))
          .hasSize(1);
      assertThat(result.trace().getLast())
          .isInstanceOfSatisfying(
              AgentEvent.TaskFinished.class,
              finished -> assertThat(finished.outcome()).isEqualTo(result.outcome()));
      assertThat(took).isLessThan(TIME_BUDGET.plus(GRACE).plus(SLACK));
      boolean auditGaveUp =
          result.outcome() instanceof Outcome.Failed failed
              && failed.category() == FailureCategory.AUDIT_UNAVAILABLE;
      if (!auditGaveUp) {
        // The audit trail is the trace, and nothing is audited after the outcome.
        assertThat(audited).containsExactlyElementsOf(result.trace());
      }
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
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("the submitted task's future did not complete", e);
    } finally {
      agent.close();
    }
  }
}
