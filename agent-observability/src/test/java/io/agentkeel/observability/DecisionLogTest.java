package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.Route;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolFailureKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DecisionLogTest {

  private static Observability observability(DecisionLogSettings settings, boolean filters) {
    Observability.Builder b =
        Observability.builder()
            .meterRegistry(new SimpleMeterRegistry())
            .openTelemetry(OpenTelemetry.noop())
            .decisionLog(settings);
    if (filters) {
      b.outputFilters(List.of(new Events.EmailFilter()));
    }
    return b.build();
  }

  private static List<String> write(Observability o, RunContext run, List<AgentEvent> events) {
    try (LogCapture capture = new LogCapture()) {
      AgentEventListener listener = o.listener();
      events.forEach(e -> listener.onEvent(e, run));
      listener.flush();
      return capture.lines();
    }
  }

  @Test
  void everyEventTypeIsOneLineValidAgainstTheSchema() {
    RunContext run = Events.run("t-1", Events.ORDERS);
    List<AgentEvent> events = Events.everyType(run);
    List<String> lines = write(observability(DecisionLogSettings.DEFAULTS, false), run, events);

    assertThat(lines).hasSize(events.size());
    DecisionLogSchema.assertValid(lines);
    // The family is closed: every type of event is among them.
    assertThat(events.stream().map(e -> e.getClass()).distinct())
        .hasSize(AgentEvent.class.getPermittedSubclasses().length);
  }

  @Test
  void linesCarryTheDecisionFields() {
    RunContext run = Events.run("t-2", Events.ORDERS);
    List<String> lines =
        write(observability(DecisionLogSettings.DEFAULTS, false), run, Events.everyType(run));
    Map<String, JsonNode> byEvent = new java.util.HashMap<>();
    lines.forEach(l -> {
      JsonNode n = DecisionLogSchema.parse(l);
      byEvent.put(n.get("event").asString(), n);
    });
    for (JsonNode n : byEvent.values()) {
      assertThat(n.get("task_id").asString()).isEqualTo("t-2");
      assertThat(n.get("run_id").asString()).isEqualTo(run.runId());
      assertThat(n.get("workflow").asString()).isEqualTo("orders");
      assertThat(n.get("principal").asString()).isEqualTo("alice");
      assertThat(n.get("ts").asString()).isEqualTo("2030-01-01T10:00:00Z");
    }
    JsonNode routed = byEvent.get("routed");
    assertThat(routed.get("action").asString()).isEqualTo("route_review");
    assertThat(routed.get("confidence").asDouble()).isEqualTo(0.62);
    assertThat(routed.get("reasoning_summary").asString()).isEqualTo("order found, date unsure");
    assertThat(routed.get("threshold_auto_complete").asDouble()).isEqualTo(0.85);
    assertThat(routed.get("threshold_review").asDouble()).isEqualTo(0.55);

    JsonNode tool = byEvent.get("tool_called");
    assertThat(tool.get("tool").asString()).isEqualTo("lookup_order");
    assertThat(tool.get("latency_ms").asDouble()).isEqualTo(2.5);
    assertThat(tool.get("result").asString()).isEqualTo("success");
    assertThat(tool.has("arguments")).as("arguments are off by default").isFalse();

    JsonNode failed = byEvent.get("tool_failed");
    assertThat(failed.get("error").asString()).isEqualTo("tool");
    assertThat(failed.get("result").asString()).isEqualTo("tool_error");

    JsonNode model = byEvent.get("model_called");
    assertThat(model.get("tokens_input").asLong()).isEqualTo(300);
    assertThat(model.get("tokens_output").asLong()).isEqualTo(40);
    assertThat(model.get("latency_ms").asDouble()).isEqualTo(120.0);

    JsonNode finished = byEvent.get("task_finished");
    assertThat(finished.get("outcome").asString()).isEqualTo("failed");
    assertThat(finished.get("failure").asString()).isEqualTo("model_unavailable");
    assertThat(finished.get("latency_ms").asDouble()).isEqualTo(950.0);
    assertThat(finished.get("resumed").asBoolean())
        .as("a ReviewDecided came first in this run")
        .isTrue();
    assertThat(byEvent.get("task_started").get("tools_offered").toString())
        .isEqualTo("[\"cancel_order\",\"lookup_order\",\"refund\"]");
  }

  @Test
  void principalsCanBeHashedOrOmittedAndArgumentsSwitchedOn() {
    RunContext run = Events.run("t-3", Events.ORDERS);
    var hashed =
        new DecisionLogSettings(true, DecisionLogSettings.PrincipalField.HASHED, true, true);
    List<String> lines = write(observability(hashed, false), run, Events.everyType(run));
    DecisionLogSchema.assertValid(lines);
    assertThat(lines).noneMatch(l -> l.contains("alice")).noneMatch(l -> l.contains("\"bob\""));
    JsonNode first = DecisionLogSchema.parse(lines.get(0));
    assertThat(first.get("principal").asString()).matches("sha256:[0-9a-f]{16}");
    assertThat(lines).anyMatch(l -> l.contains("\"arguments\":\"{\\\"id\\\":\\\"A-17\\\"}\""));

    var omitted =
        new DecisionLogSettings(true, DecisionLogSettings.PrincipalField.OMITTED, false, true);
    List<String> none = write(observability(omitted, false), run, Events.everyType(run));
    DecisionLogSchema.assertValid(none);
    assertThat(none).noneMatch(l -> l.contains("\"principal\"")).noneMatch(l -> l.contains("bob"));
  }

  @Test
  void disabledWritesNothing() {
    RunContext run = Events.run("t-4", Events.ORDERS);
    var off = new DecisionLogSettings(false, DecisionLogSettings.PrincipalField.ID, false, true);
    assertThat(write(observability(off, false), run, Events.everyType(run))).isEmpty();
  }

  @Test
  void noLineHoldsAValueTheOutputFiltersWouldRedact() {
    // Everything the agent does not filter itself is given an e-mail address here: the principal,
    // the reviewer, and (as if a filter were missing in the agent) event text fields.
    RunContext run = Events.run("t-5", Events.ORDERS, "carol@example.com");
    String id = run.task().id();
    List<AgentEvent> events = new ArrayList<>(Events.everyType(run));
    events.add(
        new AgentEvent.ToolFailed(
            id,
            Events.AT,
            "send_mail",
            "{\"to\":\"dave@example.org\"}",
            ToolFailureKind.TOOL_ERROR,
            "mailbox dave@example.org is full",
            Duration.ofMillis(3)));
    events.add(
        new AgentEvent.Routed(
            id, Events.AT, new Confidence(0.9, "mailed erin@example.net"), Route.AUTO_COMPLETE));
    events.add(new AgentEvent.ReviewDecided(id, Events.AT, "r-9", "frank@example.com", "edit"));
    var withArguments =
        new DecisionLogSettings(true, DecisionLogSettings.PrincipalField.ID, true, true);
    Observability o = observability(withArguments, true);
    List<String> lines;
    try (LogCapture capture = new LogCapture()) {
      events.forEach(e -> o.listener().onEvent(e, run));
      o.feedback().record(id, Rating.DOWN, Optional.of("wrong, write to gina@example.com"));
      o.listener().flush();
      lines = capture.lines();
    }
    DecisionLogSchema.assertValid(lines);
    Events.EmailFilter filter = new Events.EmailFilter();
    for (String line : lines) {
      for (String value : strings(DecisionLogSchema.parse(line))) {
        assertThat(filter.filter(value, io.agentkeel.api.OutputChannel.EVENT, run))
            .as("a value of " + line)
            .isEqualTo(value);
      }
    }
    assertThat(String.join("\n", lines)).contains("[email]").doesNotContain("@example");
    JsonNode feedback = DecisionLogSchema.parse(lines.get(lines.size() - 1));
    assertThat(feedback.get("comment").asString()).isEqualTo("wrong, write to [email]");
  }

  @Test
  void feedbackCommentsAreNotWrittenWithoutFilters() {
    RunContext run = Events.run("t-6", Events.ORDERS);
    Observability o = observability(DecisionLogSettings.DEFAULTS, false);
    try (LogCapture capture = new LogCapture()) {
      o.listener().onEvent(Events.everyType(run).get(0), run);
      o.feedback().record("t-6", Rating.DOWN, Optional.of("call me at hank@example.com"));
      o.listener().flush();
      String line = capture.lines().get(1);
      DecisionLogSchema.assertValid(List.of(line));
      JsonNode n = DecisionLogSchema.parse(line);
      assertThat(n.has("comment")).isFalse();
      assertThat(n.get("comment_chars").asInt()).isEqualTo(27);
      assertThat(n.get("workflow").asString()).isEqualTo("orders");
      assertThat(n.get("rating").asString()).isEqualTo("down");
    }
  }

  @Test
  void anyTextSurvivesTheLineExactly() {
    Observability o = observability(DecisionLogSettings.DEFAULTS, false);
    RunContext run = Events.run("t-7", Events.ORDERS);
    qt().forAll(
            org.quicktheories.generators.SourceDSL.strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(reason -> {
          List<String> lines =
              write(
                  o,
                  run,
                  List.of(
                      new AgentEvent.LimitReached(
                          "t-7", Events.AT, AgentEvent.Limit.STEP_BUDGET, reason)));
          assertThat(lines).hasSize(1);
          DecisionLogSchema.assertValid(lines);
          assertThat(DecisionLogSchema.parse(lines.get(0)).get("detail").asString())
              .isEqualTo(reason);
        });
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isString()) {
      out.add(node.asString());
    } else if (node.isContainer()) {
      for (Iterator<JsonNode> it = node.iterator(); it.hasNext(); ) {
        out.addAll(strings(it.next()));
      }
    }
    return out;
  }
}
