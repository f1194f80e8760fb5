package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.testkit.ModelScript;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The decision log of a real agent whose output filters redact e-mail addresses: every line
 * validates, and no value in any line is one the filter would change. The task input, a tool's
 * result and a feedback comment all hold addresses.
 */
class AgentDecisionLogTest {

  private io.agentkeel.api.Agent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  private List<String> run(boolean filtersGivenToObservability, String reviewer) {
    Events.EmailFilter filter = new Events.EmailFilter();
    Observability.Builder builder =
        Observability.builder()
            .meterRegistry(new SimpleMeterRegistry())
            .openTelemetry(OpenTelemetry.noop())
            .decisionLog(
                new DecisionLogSettings(true, DecisionLogSettings.PrincipalField.ID, true, true));
    if (filtersGivenToObservability) {
      builder.outputFilters(List.of(filter));
    }
    Observability observability = builder.build();
    // Addresses where the agent is responsible for filtering: tool arguments (event field), the
    // reasoning summary, the answer; and where observability is: the feedback comment.
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"pia@example.com\"}")
            .answer("Sent to pia@example.com.", 0.95, "mailed pia@example.com the status")
            .toolCall("refund", "{\"order_id\":\"quinn@example.com\"}")
            .answer("Refund for quinn@example.com failed.", 0.7, "quinn@example.com unrefunded")
            .build();
    agent = AgentScenarioTest.agent(script, new ShopTools(), observability, List.of(filter));
    try (LogCapture capture = new LogCapture()) {
      agent.execute(AgentScenarioTest.task("m1", "Status for pia@example.com"));
      var second = agent.execute(AgentScenarioTest.task("m2", "Refund quinn@example.com"));
      var review = (io.agentkeel.api.Outcome.InReview) second.outcome();
      agent.resume(new io.agentkeel.api.ReviewDecision.Edit(review.request().id(), reviewer, "ok"));
      observability.feedback().thumbsDown("m1", "reach me at olga@example.com");
      observability.listener().flush();
      return new ArrayList<>(capture.lines());
    }
  }

  private static void assertNothingToRedact(List<String> lines) {
    DecisionLogSchema.assertValid(lines);
    Events.EmailFilter filter = new Events.EmailFilter();
    var run = Events.run("any", Events.ORDERS);
    for (String line : lines) {
      List<String> values = new ArrayList<>();
      collect(DecisionLogSchema.parse(line), values);
      for (String value : values) {
        assertThat(filter.filter(value, OutputChannel.EVENT, run)).as(line).isEqualTo(value);
      }
    }
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isString()) {
      out.add(node.asString());
    }
    node.forEach(child -> collect(child, out));
  }

  @Test
  void linesOfARealRunValidateAndHoldNothingTheFiltersWouldRedact() {
    // The reviewer's id is an identity, which the agent does not filter: observability does.
    List<String> lines = run(true, "rex@example.com");
    assertThat(lines.stream().filter(l -> l.contains("\"event\":\"task_finished\""))).hasSize(3);
    assertThat(lines.stream().filter(l -> l.contains("\"event\":\"feedback\""))).hasSize(1);
    assertThat(lines).anyMatch(l -> l.contains("\"event\":\"routed\""));
    assertThat(lines).anyMatch(l -> l.contains("[email]"));
    assertNothingToRedact(lines);
  }

  @Test
  void theAgentsFiltersAreUsedForIdentitiesAndCommentsWhenObservabilityWasGivenNone() {
    // Only the agent has the filter, as when observability and security are found by
    // ServiceLoader: event text fields reach the listener filtered by the core, and identities
    // and comments, which are not event text, go through the filters the agent handed over.
    // Before: the reviewer's address was written as it was, and the comment left out.
    List<String> lines = run(false, "rex@example.com");

    assertNothingToRedact(lines);
    assertThat(lines)
        .anyMatch(l -> l.contains("\"event\":\"review_decided\"") && l.contains("[email]"));
    assertThat(lines)
        .filteredOn(l -> l.contains("\"event\":\"feedback\""))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("\"comment\":\"reach me at [email]\""));
  }
}
