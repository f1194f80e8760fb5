package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryTaskJournal;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code Agent.recover(taskId)} for one task, and {@code recoverOnStart()} for all. */
class RecoverOneAndOnStartTest {

  private final InMemoryTaskJournal journal = new InMemoryTaskJournal();
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch stuck = new CountDownLatch(1);
  private final CountDownLatch never = new CountDownLatch(1);

  @Test
  void oneTaskIsContinuedFromItsJournalAndNothingElse() throws Exception {
    abandonInSecondModelCall("task-1");
    try (Agent survivor = agent(false)) {
      assertThat(survivor.recover("unknown-task")).as("no journal").isEmpty();
      Optional<AgentResult> result = survivor.recover("task-1");
      assertThat(result)
          .get()
          .extracting(AgentResult::outcome)
          .isInstanceOf(Outcome.Completed.class);
      assertThat(survivor.recover("task-1")).as("it has its outcome now").isEmpty();
    }
    assertThat(events)
        .filteredOn(e -> e instanceof AgentEvent.TaskRecovered)
        .singleElement()
        .satisfies(e -> {
          AgentEvent.TaskRecovered recovered = (AgentEvent.TaskRecovered) e;
          assertThat(recovered.takeover()).isTrue();
          assertThat(recovered.journalRecords()).isGreaterThanOrEqualTo(2);
        });
    assertThat(journal.read("task-1").getLast().kind()).isEqualTo(JournalEntry.Kind.ENDED);
    never.countDown();
  }

  @Test
  void anAgentBuiltToRecoverOnStartContinuesEveryUnfinishedTask() throws Exception {
    abandonInSecondModelCall("task-2");
    try (Agent restarted = agent(true)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (journal.read("task-2").getLast().kind() != JournalEntry.Kind.ENDED) {
        assertThat(System.nanoTime()).as("recovered within 20 s").isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(restarted).isNotNull();
    }
    assertThat(events)
        .filteredOn(e -> e instanceof AgentEvent.TaskRecovered)
        .singleElement()
        .satisfies(e -> assertThat(((AgentEvent.TaskRecovered) e).takeover()).isFalse());
    never.countDown();
  }

  @Test
  void aTaskWhoseJournalCannotBeReadStillGetsAnOutcome() {
    journal.appendForced(new JournalEntry("task-3", 0, JournalEntry.Kind.STARTED, "", "{not json"));
    journal.appendForced(new JournalEntry("task-3", 1, JournalEntry.Kind.MODEL_REPLY, "", "{}"));
    try (Agent survivor = agent(false)) {
      AgentResult result = survivor.recover("task-3").orElseThrow();
      assertThat(result.outcome())
          .isInstanceOfSatisfying(
              Outcome.Failed.class,
              failed -> assertThat(failed.reason()).contains("journal is unreadable"));
      assertThat(survivor.recover("task-3")).as("it has its outcome now").isEmpty();
    }
    assertThat(journal.read("task-3").getLast().kind()).isEqualTo(JournalEntry.Kind.ENDED);
    assertThat(events)
        .filteredOn(e -> e instanceof AgentEvent.TaskFinished)
        .singleElement()
        .satisfies(e -> assertThat(e.taskId()).isEqualTo("task-3"));
    never.countDown();
  }

  /** A first agent runs the task until its second model call, where it hangs for good. */
  private void abandonInSecondModelCall(String taskId) throws InterruptedException {
    Agent first =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.responding(
                    "primary",
                    request -> {
                      if (request.messages().stream().anyMatch(m -> m instanceof AiMessage)) {
                        stuck.countDown();
                        try {
                          never.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("the first process is gone");
                      }
                      return ModelStep.toolCall("look_up", "{\"ref\":\"r1\"}");
                    }))
            .tools(new CrashTools(new World(), () -> true))
            .taskJournal(journal)
            .noPluginDiscovery()
            .build();
    first.submit(task(taskId));
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    journal.flush();
  }

  private Agent agent(boolean recoverOnStart) {
    AgentKeel.Builder builder =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.responding(
                    "primary", request -> ModelStep.answer("done", 0.95, "looked it up")))
            .tools(new CrashTools(new World(), () -> true))
            .taskJournal(journal)
            .extension(new Listening())
            .noPluginDiscovery();
    return (recoverOnStart ? builder.recoverOnStart() : builder).build();
  }

  private static Task task(String id) {
    return Task.builder()
        .id(id)
        .input("please handle " + id)
        .principal(Principal.of("ops"))
        .build();
  }

  private final class Listening implements AgentExtension {
    @Override
    public String name() {
      return "listening";
    }

    @Override
    public void configure(ExtensionBinder binder) {
      AgentEventListener listener = (event, context) -> events.add(event);
      binder.add(AgentEventListener.class, listener);
    }
  }
}
