package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.ConfidenceThresholds;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.Principal;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.testkit.ScriptedFailure;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real agent (core, scripted model) with observability installed as an extension: a known mix of
 * outcomes, confidences, tool calls, errors and feedback gives exactly the expected metric values.
 */
class AgentScenarioTest {

  static final Principal BOT =
      new Principal("support-bot", "acme", Set.of("orders:read", "orders:write"));

  static final Workflow ORDERS =
      Workflow.builder("orders")
          .allowTools("lookup_order", "refund", "cancel_order")
          .thresholds(new ConfidenceThresholds(0.85, 0.55))
          .build();

  /** The scenario's script: five tasks, played in order. */
  static ModelScript script() {
    return ModelScript.builder()
        // t1: one tool call, confident: completed.
        .toolCall("lookup_order", "{\"order_id\":\"A-1\"}")
        .answer("A-1 has shipped.", 0.95, "looked it up")
        // t2: a tool call, a failing tool call, middling confidence: review, then approved.
        .toolCall("lookup_order", "{\"order_id\":\"A-2\"}")
        .toolCall("refund", "{\"order_id\":\"A-2\"}")
        .answer("A-2 shipped; the refund failed.", 0.7, "refund service down") // 0.6 after the
        // core's penalty of 0.1 for the failed tool call
        // t3: low confidence: escalated.
        .answer("No idea.", 0.3, "guessing")
        // t4: the only model fails: failed (model unavailable).
        .fail(ScriptedFailure.SERVER_ERROR)
        // t5: a tool that does not exist, then confident.
        .toolCall("made_up_tool", "{}")
        .answer("Done.", 1.0, "recovered") // 0.9 after the penalty
        .build();
  }

  Agent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  static Agent agent(
      ModelScript script,
      ShopTools tools,
      Observability observability,
      List<OutputFilter> filters) {
    AgentKeel.Builder builder =
        AgentKeel.builder()
            .model("primary", ScriptedChatModel.named("primary", script))
            .tools(tools)
            .workflow(ORDERS)
            .reviewQueue(new InMemoryReviewQueue())
            .extension(new ObservabilityExtension(observability))
            .noPluginDiscovery();
    filters.forEach(f -> builder.add(OutputFilter.class, f));
    return builder.build();
  }

  static Task task(String id, String input) {
    return Task.builder().id(id).input(input).principal(BOT).workflow("orders").build();
  }

  /** Runs the five tasks, the review and the feedback; returns the results by task id. */
  static Map<String, AgentResult> runScenario(Agent agent, Observability observability) {
    Map<String, AgentResult> results = new java.util.LinkedHashMap<>();
    for (String id : List.of("t1", "t2", "t3", "t4", "t5")) {
      results.put(id, agent.execute(task(id, "Where is my order? I am nia@example.com")));
    }
    Outcome.InReview review = (Outcome.InReview) results.get("t2").outcome();
    results.put(
        "t2-resumed", agent.resume(new ReviewDecision.Approve(review.request().id(), "reviewer")));
    observability.feedback().thumbsUp("t1");
    observability.feedback().thumbsDown("t2", "too slow");
    observability.feedback().thumbsUp("t5");
    // Metrics are recorded on the decision log's thread when it is on: flush waits for them.
    observability.listener().flush();
    return results;
  }

  @Test
  void aKnownMixGivesExactlyTheExpectedMetricValues() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Observability observability =
        Observability.builder()
            .meterRegistry(registry)
            .openTelemetry(OpenTelemetry.noop())
            .decisionLog(
                new DecisionLogSettings(false, DecisionLogSettings.PrincipalField.ID, false, true))
            .build();
    agent = agent(script(), new ShopTools(), observability, List.of());
    Map<String, AgentResult> results = runScenario(agent, observability);

    assertThat(results.get("t1").outcome()).isInstanceOf(Outcome.Completed.class);
    assertThat(results.get("t2").outcome()).isInstanceOf(Outcome.InReview.class);
    assertThat(results.get("t3").outcome()).isInstanceOf(Outcome.Escalated.class);
    assertThat(results.get("t4").outcome()).isInstanceOf(Outcome.Failed.class);
    assertThat(results.get("t5").outcome()).isInstanceOf(Outcome.Completed.class);
    assertThat(results.get("t2-resumed").outcome()).isInstanceOf(Outcome.Completed.class);

    Map<String, Double> tasks =
        registry.get(MetricNames.TASKS).counters().stream()
            .collect(Collectors.toMap(c -> c.getId().getTag("outcome"), c -> c.count()));
    assertThat(tasks)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("completed", 2.0, "in_review", 1.0, "escalated", 1.0, "failed", 1.0));
    assertThat(
            registry
                .get(MetricNames.TASKS_RESUMED)
                .tags("workflow", "orders", "outcome", "completed")
                .counter()
                .count())
        .isEqualTo(1);

    var confidence = registry.get(MetricNames.CONFIDENCE).tag("workflow", "orders").summary();
    assertThat(confidence.count()).isEqualTo(4);
    Map<Double, Double> cumulative =
        Arrays.stream(confidence.takeSnapshot().histogramCounts())
            .collect(Collectors.toMap(CountAtBucket::bucket, CountAtBucket::count));
    assertThat(cumulative.get(5500.0)).isEqualTo(1); // 0.3
    assertThat(cumulative.get(8500.0)).isEqualTo(2); // 0.3, 0.6
    assertThat(cumulative.get(9000.0)).isEqualTo(3); // 0.9
    assertThat(cumulative.get(10000.0)).isEqualTo(4); // 0.95

    Map<String, Double> toolCalls =
        registry.get(MetricNames.TOOL_CALLS).counters().stream()
            .collect(
                Collectors.toMap(
                    c -> c.getId().getTag("tool") + "/" + c.getId().getTag("result"),
                    c -> c.count()));
    assertThat(toolCalls)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "lookup_order/success", 2.0,
                "refund/success", 0.0,
                "cancel_order/success", 0.0,
                "refund/tool_error", 1.0,
                "_unknown/unknown_tool", 1.0));
    assertThat(
            registry.get(MetricNames.TOOLS_NEVER_CALLED).tag("workflow", "orders").gauge().value())
        .isEqualTo(1); // cancel_order

    Map<String, Double> errors =
        registry.get(MetricNames.ERRORS).counters().stream()
            .collect(Collectors.toMap(c -> c.getId().getTag("category"), c -> c.count()));
    assertThat(errors).containsExactlyInAnyOrderEntriesOf(Map.of("tool", 2.0, "model", 1.0));

    Map<String, Double> feedback =
        registry.get(MetricNames.FEEDBACK).counters().stream()
            .collect(Collectors.toMap(c -> c.getId().getTag("rating"), c -> c.count()));
    assertThat(feedback).containsExactlyInAnyOrderEntriesOf(Map.of("up", 2.0, "down", 1.0));
  }

  @Test
  void workflowNamesCallersMakeUpAddNoMeters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Observability observability =
        Observability.builder().meterRegistry(registry).openTelemetry(OpenTelemetry.noop()).build();
    agent = agent(script(), new ShopTools(), observability, List.of());
    agent.execute(Task.builder().id("u0").input("hi").principal(BOT).workflow("made-up-0").build());
    observability.listener().flush();
    int meters = registry.getMeters().size();

    for (int i = 1; i <= 20; i++) {
      agent.execute(
          Task.builder().id("u" + i).input("hi").principal(BOT).workflow("made-up-" + i).build());
    }
    observability.listener().flush();

    // Before: every name a caller sent became a workflow tag, about 14 more meters each.
    assertThat(registry.getMeters()).hasSize(meters);
    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(m.getId().getTag("workflow")).doesNotStartWith("made-up"));
    assertThat(
            registry
                .get(MetricNames.TASKS)
                .tags("workflow", Workflow.UNKNOWN_NAME, "outcome", "failed")
                .counter()
                .count())
        .isEqualTo(21);
  }

  @Test
  void modelCallsAreCountedByTheGenAiConventions() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Observability observability =
        Observability.builder().meterRegistry(registry).openTelemetry(OpenTelemetry.noop()).build();
    agent = agent(script(), new ShopTools(), observability, List.of());
    runScenario(agent, observability);

    // 8 replies and 1 failure; each reply reports 10 input and 5 output tokens.
    var input =
        registry
            .get(MetricNames.TOKEN_USAGE)
            .tags("gen_ai.operation.name", "chat", "gen_ai.token.type", "input")
            .summary();
    assertThat(input.count()).isEqualTo(8);
    assertThat(input.totalAmount()).isEqualTo(8.0 * ModelScript.INPUT_TOKENS_PER_REPLY);
    assertThat(
            registry
                .get(MetricNames.TOKEN_USAGE)
                .tag("gen_ai.token.type", "output")
                .summary()
                .totalAmount())
        .isEqualTo(8.0 * ModelScript.OUTPUT_TOKENS_PER_REPLY);
    long ok =
        registry.get(MetricNames.OPERATION_DURATION).timers().stream()
            .filter(t -> t.getId().getTag("error.type") == null)
            .mapToLong(t -> t.count())
            .sum();
    long failed =
        registry.get(MetricNames.OPERATION_DURATION).timers().stream()
            .filter(t -> t.getId().getTag("error.type") != null)
            .mapToLong(t -> t.count())
            .sum();
    assertThat(ok).isEqualTo(8);
    assertThat(failed).isEqualTo(1);
  }

  @Test
  void toolNamesTheModelMadeUpStayOutOfTheToolTagWhateverTheFailure() {
    // Core refuses oversized arguments before it looks the tool up, as invalid arguments: the
    // event names whatever tool the model gave, so a hostile model could mint a tag per call.
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Observability observability =
        Observability.builder().meterRegistry(registry).openTelemetry(OpenTelemetry.noop()).build();
    String oversized = "{\"order_id\":\"" + "A".repeat(20_000) + "\"}";
    ModelScript script =
        ModelScript.builder()
            .toolCall("made_up_1", oversized)
            .toolCall("made_up_2", oversized)
            .toolCall("lookup_order", oversized)
            .answer("Done.", 1.0, "done")
            .build();
    agent = agent(script, new ShopTools(), observability, List.of());
    agent.execute(task("t-oversized", "Where is my order?"));
    observability.listener().flush();
    Map<String, Double> invalid =
        registry.get(MetricNames.TOOL_CALLS).tag("result", "invalid_arguments").counters().stream()
            .collect(Collectors.toMap(c -> c.getId().getTag("tool"), c -> c.count()));
    assertThat(invalid)
        .containsExactlyInAnyOrderEntriesOf(Map.of("_unknown", 2.0, "lookup_order", 1.0));
  }
}
