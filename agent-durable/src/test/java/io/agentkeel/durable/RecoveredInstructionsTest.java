package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryTaskJournal;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The start record refers to the workflow's system message instead of copying it: a recovery puts
 * the workflow's system message back in front, and a changed one is used as it now is.
 */
class RecoveredInstructionsTest {

  /** The model looks r1 up on the first call of the first run, and answers otherwise. */
  private static Agent agent(InMemoryTaskJournal journal, String instructions, List<String> seen) {
    return AgentKeel.builder()
        .model(
            "primary",
            ScriptedChatModel.responding(
                "primary",
                request -> {
                  seen.add(((SystemMessage) request.messages().getFirst()).text());
                  return seen.size() == 1
                      ? ModelStep.toolCall("look_up", "{\"ref\":\"r1\"}")
                      : ModelStep.answer("done", 0.95, "looked it up");
                }))
        .tools(new CrashTools(new World(), () -> true))
        .taskJournal(journal)
        .workflow(Workflow.builder(Workflow.DEFAULT_NAME).instructions(instructions).build())
        .noPluginDiscovery()
        .build();
  }

  /** The journal of a run cut after its tool result: the process died before the answer. */
  private static InMemoryTaskJournal cutAfterTheResult(String instructions, List<String> seen) {
    InMemoryTaskJournal full = new InMemoryTaskJournal();
    try (Agent agent = agent(full, instructions, seen)) {
      AgentResult result =
          agent.execute(
              Task.builder()
                  .id("task-1")
                  .input("Look r1 up.")
                  .principal(Principal.of("ops"))
                  .build());
      assertThat(result.completed()).isTrue();
    }
    InMemoryTaskJournal cut = new InMemoryTaskJournal();
    for (JournalEntry entry : full.read("task-1")) {
      cut.appendForced(entry);
      if (entry.kind() == JournalEntry.Kind.TOOL_RESULT) {
        break;
      }
    }
    assertThat(cut.read("task-1").getFirst().payload()).doesNotContain(instructions);
    return cut;
  }

  @Test
  void aRecoveryShowsTheModelTheSystemMessageItSawBefore() {
    List<String> seen = new CopyOnWriteArrayList<>();
    InMemoryTaskJournal journal = cutAfterTheResult("Be brief.", seen);
    String original = seen.getFirst();

    try (Agent recovering = agent(journal, "Be brief.", seen)) {
      assertThat(recovering.recover()).singleElement().matches(AgentResult::completed);
    }

    assertThat(seen.getLast()).isEqualTo(original).startsWith("Be brief.");
  }

  @Test
  void aRecoveryAfterTheInstructionsChangedGoesOnWithTheCurrentOnes() {
    List<String> seen = new CopyOnWriteArrayList<>();
    InMemoryTaskJournal journal = cutAfterTheResult("Be brief.", seen);

    try (Agent recovering = agent(journal, "Be thorough.", seen)) {
      assertThat(recovering.recover()).singleElement().matches(AgentResult::completed);
    }

    assertThat(seen.getLast()).startsWith("Be thorough.").doesNotContain("Be brief.");
  }
}
