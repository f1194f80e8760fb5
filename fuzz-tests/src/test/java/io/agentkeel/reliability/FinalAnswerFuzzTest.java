package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fuzzes the final-answer parser through the public loop: the scripted model replies with arbitrary
 * text, and the task must still end in exactly one audited outcome, never an exception. Core's
 * parser is package-private, so it is reached the way a model reaches it.
 */
class FinalAnswerFuzzTest {

  private static final AtomicReference<String> REPLY = new AtomicReference<>("");
  private static final RecordingAudit AUDIT = new RecordingAudit();
  private static final Agent AGENT =
      AgentKeel.builder()
          .model(
              "primary",
              ScriptedChatModel.responding("primary", request -> ModelStep.text(REPLY.get())))
          .tools(new DeskTools())
          .noPluginDiscovery()
          .add(AuditSink.class, AUDIT)
          .workflow(
              Workflow.builder(Workflow.DEFAULT_NAME)
                  .budget(new LoopBudget(3, Duration.ofSeconds(10), 2, 1, Duration.ofSeconds(5)))
                  .build())
          .build();

  @FuzzTest(maxDuration = "10m")
  void anyReplyEndsInOneAuditedOutcome(byte[] input) {
    String reply = new String(input, StandardCharsets.UTF_8);
    REPLY.set(reply);

    AgentResult result = AGENT.execute(Runs.task("What is the status of order A-1?"));

    Runs.assertOneAuditedOutcome(result, AUDIT);
    if (result.outcome() instanceof Outcome.Completed) {
      assertThat(result.answer()).isPresent();
    }
    AUDIT.forget(result.taskId());
  }
}
