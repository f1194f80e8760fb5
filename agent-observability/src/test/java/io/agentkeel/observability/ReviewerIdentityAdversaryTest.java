package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.testkit.ModelScript;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * README: observability.decision-log.principal is id, hashed or omitted, "also applies to
 * reviewers". A reviewer who rejects an answer must not appear in clear when it is omitted.
 */
class ReviewerIdentityAdversaryTest {

  private Agent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void anOmittedReviewerDoesNotAppearInAnyLine() {
    Observability observability =
        Observability.builder()
            .meterRegistry(new SimpleMeterRegistry())
            .openTelemetry(OpenTelemetry.noop())
            .decisionLog(
                new DecisionLogSettings(
                    true, DecisionLogSettings.PrincipalField.OMITTED, false, true))
            .build();
    // 0.7 lies between the workflow's thresholds (0.55, 0.85): the answer goes to review.
    ModelScript script = ModelScript.builder().answer("A-9 ships Monday.", 0.7, "unsure").build();
    agent = AgentScenarioTest.agent(script, new ShopTools(), observability, List.of());
    List<String> lines;
    try (LogCapture capture = new LogCapture()) {
      var result = agent.execute(AgentScenarioTest.task("rv-1", "When does A-9 ship?"));
      var review = (Outcome.InReview) result.outcome();
      agent.resume(new ReviewDecision.Reject(review.request().id(), "rex.reviewer", "wrong date"));
      observability.listener().flush();
      lines = new ArrayList<>(capture.lines());
    }
    assertThat(lines).anyMatch(l -> l.contains("\"event\":\"review_decided\""));
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("rex.reviewer"));
  }
}
