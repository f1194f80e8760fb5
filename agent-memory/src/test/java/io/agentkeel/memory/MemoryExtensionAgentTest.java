package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MemoryExtension} through a real agent built by core, on its embedded stores: the model
 * writes a fact with {@code remember_fact}; the next task of the same session sees the earlier turn
 * and the fact; a task of another session sees the fact recalled from long-term memory but not the
 * other session's turns, and another principal sees neither; and every context stays within the
 * workflow's token budget, a tight one included.
 */
class MemoryExtensionAgentTest {

  @TempDir Path dir;

  private static final String FACT = "Alice drinks sencha green tea, without sugar.";
  private static final String FIRST_INPUT = "Remember how I take my tea: sencha, never sugar.";

  private Agent agent(ScriptedChatModel model, MemoryExtension memory) {
    return AgentKeel.builder()
        .model("scripted", model)
        .extension(memory)
        .setting("memory.data-dir", dir.toString())
        .workflow(
            Workflow.builder("tight")
                .budget(
                    new LoopBudget(
                        10, Duration.ofMinutes(2), 2, 2, Duration.ofSeconds(30), 8, 16_000, 150))
                .build())
        .noPluginDiscovery()
        .build();
  }

  private static Task task(String session, String principal, String input, String workflow) {
    return Task.builder()
        .input(input)
        .principal(Principal.of(principal, "memory:read", "memory:write"))
        .sessionId(session)
        .workflow(workflow)
        .build();
  }

  private static String seen(ScriptedChatModel model, int request) {
    return model.requests().get(request).messages().stream()
        .map(MemoryExtensionAgentTest::text)
        .collect(Collectors.joining("\n"));
  }

  private static String text(ChatMessage message) {
    return switch (message) {
      case SystemMessage m -> m.text();
      case UserMessage m -> m.singleText();
      default -> message.toString();
    };
  }

  private static void withinBudget(AgentResult result) {
    assertThat(result.trace())
        .filteredOn(AgentEvent.ContextAssembled.class::isInstance)
        .isNotEmpty()
        .allSatisfy(e -> {
          AgentEvent.ContextAssembled c = (AgentEvent.ContextAssembled) e;
          assertThat(c.estimatedTokens()).isLessThanOrEqualTo(c.tokenBudget());
        });
  }

  @Test
  void sessionTurnsAreKeptAndLongTermMemoriesRecalledIntoTheNextTasksWithinTheBudget() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCall("remember_fact", "{\"fact\":\"" + FACT + "\"}")
                .answer("Noted: sencha, no sugar.", 0.95, "remembered the preference")
                .answer("You like sencha without sugar.", 0.95, "from memory")
                .answer("I will order sencha.", 0.95, "from long-term memory")
                .answer("I do not know your tea.", 0.95, "nothing remembered")
                .answer("Sencha, as before.", 0.95, "under a tight budget")
                .build());
    MemoryExtension memory = new MemoryExtension();
    List<AgentResult> results;
    try (Agent agent = agent(model, memory)) {
      results =
          List.of(
              agent.execute(task("s1", "alice", FIRST_INPUT, Workflow.DEFAULT_NAME)),
              agent.execute(task("s1", "alice", "What tea do I like?", Workflow.DEFAULT_NAME)),
              agent.execute(
                  task(
                      "s2",
                      "alice",
                      "Which green tea should you order for me?",
                      Workflow.DEFAULT_NAME)),
              agent.execute(
                  task(
                      "s3",
                      "bob",
                      "Which green tea should you order for me?",
                      Workflow.DEFAULT_NAME)),
              agent.execute(
                  task("s1", "alice", "Which green tea again, and how do I take it?", "tight")));
      assertThat(
              memory
                  .tiers()
                  .longTerm()
                  .recall(MemoryQuery.of(new MemoryOwner("default", "alice"), "tea", 5)))
          .as("the fact the model wrote")
          .anySatisfy(r -> assertThat(r.record().text()).isEqualTo(FACT));
    }
    assertThat(results)
        .allSatisfy(r -> assertThat(r.outcome()).isInstanceOf(Outcome.Completed.class));
    // request 0: task 1, before the fact; 1: task 1 after the tool; 2: task 2; 3: task 3; 4: bob
    assertThat(seen(model, 0)).doesNotContain("sencha green tea");
    String sameSession = seen(model, 2);
    assertThat(sameSession).as("the earlier turn of session s1").contains(FIRST_INPUT);
    assertThat(sameSession).as("the fact, recalled").contains(FACT);
    String otherSession = seen(model, 3);
    assertThat(otherSession).as("the fact, recalled in another session").contains(FACT);
    assertThat(otherSession).as("no turn of session s1").doesNotContain(FIRST_INPUT);
    String otherPrincipal = seen(model, 4);
    assertThat(otherPrincipal).doesNotContain(FACT).doesNotContain(FIRST_INPUT);
    results.forEach(MemoryExtensionAgentTest::withinBudget);
    assertThat(results.get(4).trace())
        .filteredOn(AgentEvent.ContextAssembled.class::isInstance)
        .first()
        .satisfies(e -> {
          AgentEvent.ContextAssembled c = (AgentEvent.ContextAssembled) e;
          assertThat(c.tokenBudget()).isEqualTo(150);
          assertThat(c.omitted()).as("what the tight budget left out is reported").isNotEmpty();
        });
  }
}
