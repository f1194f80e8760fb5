package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryTaskJournal;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzes journal decoding through {@link Agent#recover}: the journal of a real run (a lookup, a
 * note sent, then the crash before the answer) is cut, reordered, re-kinded and given fuzzed keys
 * and payloads. Recovery never throws, recovers each task at most once, never sends the note (a
 * write) again, runs a lookup again at most once per journaled intent, and a task it recovers ends
 * in exactly one audited outcome, recorded at the end of its journal. A journal it cannot read is
 * left unfinished, with a warning.
 */
class JournalFuzzTest {

  private static final RecordingAudit AUDIT = new RecordingAudit();
  private static final DeskTools TOOLS = new DeskTools();
  private static final InMemoryTaskJournal JOURNAL = new InMemoryTaskJournal();
  private static final AtomicLong IDS = new AtomicLong();
  private static final Workflow WORKFLOW =
      Workflow.builder(Workflow.DEFAULT_NAME)
          .budget(new LoopBudget(4, Duration.ofSeconds(10), 2, 1, Duration.ofSeconds(5)))
          .build();
  // Recorded on first use, not in the class initialiser: the run's model lambda belongs to this
  // class, and the agent calls it on another thread, which would wait for the initialiser.
  private static List<JournalEntry> real;
  private static final Agent RECOVERER =
      AgentKeel.builder()
          .model(
              "primary",
              ScriptedChatModel.responding(
                  "primary", request -> ModelStep.answer("recovered", 0.95, "from the journal")))
          .tools(TOOLS)
          .taskJournal(JOURNAL)
          .noPluginDiscovery()
          .add(AuditSink.class, AUDIT)
          .workflow(WORKFLOW)
          .build();

  /** The journal a task leaves when its process dies after two tool calls, before the answer. */
  private static synchronized List<JournalEntry> recordedRun() {
    if (real != null) {
      return real;
    }
    InMemoryTaskJournal journal = new InMemoryTaskJournal();
    int[] calls = {0};
    try (Agent agent =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.responding(
                    "primary",
                    request ->
                        switch (calls[0]++) {
                          case 0 -> ModelStep.toolCall("lookup_order", "{\"order_id\":\"A-1\"}");
                          case 1 ->
                              ModelStep.toolCall(
                                  "send_note", "{\"to\":\"ops\",\"text\":\"A-1 is late\"}");
                          default -> ModelStep.answer("done", 0.95, "looked it up, told ops");
                        }))
            .tools(new DeskTools())
            .taskJournal(journal)
            .noPluginDiscovery()
            .workflow(WORKFLOW)
            .build()) {
      AgentResult result = agent.execute(Runs.task("Where is A-1? Tell ops."));
      List<JournalEntry> entries = journal.read(result.taskId());
      List<JournalEntry> unfinished = new ArrayList<>();
      for (JournalEntry entry : entries) {
        if (entry.kind() == JournalEntry.Kind.ENDED) {
          break;
        }
        unfinished.add(entry);
      }
      if (unfinished.size() < 4) {
        throw new IllegalStateException("the recorded run journaled too little: " + entries);
      }
      real = List.copyOf(unfinished);
      return real;
    }
  }

  @FuzzTest(maxDuration = "10m")
  void recoveryFromAnyJournalNeverThrowsAndEndsATaskOnce(FuzzedDataProvider data) {
    String taskId = "fuzz-journal-" + IDS.incrementAndGet();
    List<JournalEntry> recorded = recordedRun();
    List<JournalEntry> entries = new ArrayList<>();
    int keep = data.consumeInt(1, recorded.size());
    for (int i = 0; i < keep; i++) {
      JournalEntry real = recorded.get(i);
      JournalEntry.Kind kind = real.kind();
      String key = real.key();
      String payload = real.payload();
      switch (data.consumeInt(0, 5)) {
        case 0 -> payload = data.consumeString(400);
        case 1 -> key = data.consumeString(40);
        case 2 -> kind = data.pickValue(JournalEntry.Kind.values());
        case 3 -> payload = payload.substring(0, data.consumeInt(0, payload.length()));
        default -> {}
      }
      if (kind == JournalEntry.Kind.ENDED) {
        kind = JournalEntry.Kind.FEEDBACK;
      }
      entries.add(new JournalEntry(taskId, i, kind, key, payload));
    }
    entries.forEach(JOURNAL::appendForced);
    int lookups = TOOLS.lookups.get();
    int notes = TOOLS.notes.get();

    List<AgentResult> results = RECOVERER.recover();

    List<AgentResult> ours = results.stream().filter(r -> r.taskId().equals(taskId)).toList();
    assertThat(ours).as("a task is recovered at most once").hasSizeLessThanOrEqualTo(1);
    for (AgentResult result : ours) {
      Runs.assertOneAuditedOutcome(result, AUDIT);
      JournalEntry.Kind last = JOURNAL.read(taskId).getLast().kind();
      assertThat(last).isIn(JournalEntry.Kind.ENDED, JournalEntry.Kind.SUSPENDED);
    }
    // The recovering model only answers: whatever ran, recovery ran it from the journal.
    assertThat(TOOLS.notes.get() - notes).as("a write is never run again blindly").isZero();
    assertThat(TOOLS.lookups.get() - lookups)
        .as("a read-only call runs again at most once per intent")
        .isLessThanOrEqualTo(
            (int) entries.stream().filter(e -> e.kind() == JournalEntry.Kind.TOOL_INTENT).count());
    // Not left for the next input: a journal that could not be read stays unfinished.
    JOURNAL.appendForced(
        new JournalEntry(
            taskId,
            JOURNAL.read(taskId).getLast().sequence() + 1,
            JournalEntry.Kind.ENDED,
            "",
            "{}"));
  }
}
