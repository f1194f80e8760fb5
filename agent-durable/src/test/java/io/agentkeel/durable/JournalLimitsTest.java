package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.langchain4j.data.message.AiMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import org.junit.jupiter.api.Test;

/**
 * A task id or key longer than the journal's table holds is refused when appended, with the length,
 * the limit and the fix, on H2 and PostgreSQL alike; it used to be queued and then fail to store,
 * named only by the driver's exception class. A task with such an id still reaches an outcome.
 */
class JournalLimitsTest {

  private static JdbcTaskJournal h2() {
    return JdbcTaskJournal.open(
        "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1", "sa", "", "limits_");
  }

  @Test
  void theEmbeddedJournalRefusesTooLongIdsAndKeysUpFront() {
    try (JdbcTaskJournal journal = h2()) {
      checkLimits(journal);
    }
  }

  @Test
  void aPostgresJournalRefusesTooLongIdsAndKeysUpFront() {
    Servers.requirePostgres();
    try (JdbcTaskJournal journal =
        JdbcTaskJournal.open(
            Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", Servers.uniquePrefix())) {
      checkLimits(journal);
    }
  }

  private static void checkLimits(JdbcTaskJournal journal) {
    String longest = "i".repeat(512);
    String longestKey = "k".repeat(1024);
    JournalEntry fits = new JournalEntry(longest, 0, Kind.STARTED, longestKey, "p");
    journal.appendForced(fits);
    assertThat(journal.read(longest)).containsExactly(fits);

    JournalEntry longId = new JournalEntry(longest + "i", 0, Kind.STARTED, "", "p");
    for (boolean forced : new boolean[] {false, true}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> append(journal, longId, forced))
          .withMessageContaining("its id is 513 characters long")
          .withMessageContaining("at most 512")
          .withMessageContaining("shorter id");
    }
    JournalEntry longKey = new JournalEntry("t1", 0, Kind.STARTED, longestKey + "k", "p");
    for (boolean forced : new boolean[] {false, true}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> append(journal, longKey, forced))
          .withMessageContaining("its key is 1025 characters long")
          .withMessageContaining("at most 1024");
    }
    // U+0000 counts twice on every engine, as PostgreSQL stores it escaped.
    JournalEntry escaped =
        new JournalEntry("\u0000" + longest.substring(1), 0, Kind.STARTED, "", "p");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> journal.appendForced(escaped))
        .withMessageContaining("513 characters");

    JournalEntry next = new JournalEntry("t1", 0, Kind.STARTED, "", "p");
    journal.appendForced(next);
    assertThat(journal.read("t1")).containsExactly(next);
    assertThat(journal.read(longId.taskId())).isEmpty();
  }

  private static void append(JdbcTaskJournal journal, JournalEntry entry, boolean forced) {
    if (forced) {
      journal.appendForced(entry);
    } else {
      journal.append(entry);
    }
  }

  @Test
  void aTaskWhoseIdTheJournalCannotHoldStillEndsAndItsWriteDoesNotRun() {
    World world = new World();
    String id = "task-" + "x".repeat(600);
    try (JdbcTaskJournal journal = h2()) {
      Agent agent =
          AgentKeel.builder()
              .model(
                  "primary",
                  ScriptedChatModel.responding(
                      "primary",
                      request ->
                          request.messages().stream().anyMatch(AiMessage.class::isInstance)
                              ? ModelStep.answer("done", 0.95, "paid or not")
                              : ModelStep.toolCalls(
                                  new ModelStep.ToolCall("pay", "{\"ref\":\"p1\"}"))))
              .tools(new CrashTools(world, () -> true))
              .taskJournal(journal)
              .noPluginDiscovery()
              .build();
      AgentResult result;
      try {
        result =
            agent.execute(
                Task.builder()
                    .id(id)
                    .input("please pay")
                    .principal(Principal.of("ops", "pay:write"))
                    .build());
      } finally {
        agent.close();
      }
      assertThat(result.outcome()).as("the task's outcome").isNotNull();
      assertThat(world.effects("p1"))
          .as("a write whose intent the journal could not store does not run")
          .isZero();
      assertThat(journal.read(id)).isEmpty();
    }
  }
}
