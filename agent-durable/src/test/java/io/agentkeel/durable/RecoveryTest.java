package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.core.InMemoryTaskJournal;
import io.agentkeel.durable.CrashScenario.Call;
import io.agentkeel.durable.CrashScenario.Kill;
import io.agentkeel.durable.CrashScenario.Kind;
import io.agentkeel.durable.CrashScenario.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery at the crash points the issue names, each checked by hand. */
class RecoveryTest {

  private static final Plan PAY_THEN_ERASE =
      new Plan(
          "task-1",
          List.of(
              List.of(new Call(Kind.LOOK_UP, "r1"), new Call(Kind.PAY, "p1")),
              List.of(new Call(Kind.ERASE, "e1"))));

  @Test
  void withoutACrashEveryCallRunsOnceAndTheTaskEnds() {
    CrashScenario scenario = new CrashScenario(new InMemoryTaskJournal());
    scenario.run(List.of(PAY_THEN_ERASE), List.of());
    scenario.checkInvariants(List.of(PAY_THEN_ERASE));
    assertThat(scenario.world.effects("p1")).isEqualTo(1);
    assertThat(scenario.world.effects("e1")).isEqualTo(1);
  }

  /** Counts the appends of a run without a crash, to aim kills at named records. */
  private static List<io.agentkeel.api.JournalEntry> cleanRun(Plan plan) {
    InMemoryTaskJournal journal = new InMemoryTaskJournal();
    CrashScenario scenario = new CrashScenario(journal);
    scenario.run(List.of(plan), List.of());
    return journal.read(plan.taskId());
  }

  private static int indexOf(
      List<io.agentkeel.api.JournalEntry> entries,
      io.agentkeel.api.JournalEntry.Kind kind,
      int nth) {
    int seen = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).kind() == kind && seen++ == nth) {
        return i;
      }
    }
    throw new AssertionError("no " + kind + " #" + nth + " in " + entries);
  }

  @Test
  void aWriteThatMayHaveRunGoesToAPersonWhoSeesItRanAndNothingRunsTwice() {
    Plan pay = new Plan("task-1", List.of(List.of(new Call(Kind.PAY, "p1"))));
    int result = indexOf(cleanRun(pay), io.agentkeel.api.JournalEntry.Kind.TOOL_RESULT, 0);
    CrashScenario scenario = new CrashScenario(new InMemoryTaskJournal());
    scenario.run(List.of(pay), List.of(new Kill(result, true)));
    scenario.checkInvariants(List.of(pay));
    assertThat(scenario.expected).containsExactly(new CrashScenario.Expected("task-1", "p1"));
    assertThat(scenario.world.effects("p1")).isEqualTo(1);
  }

  @Test
  void aKeyedWriteThatMayHaveRunRunsAgainWithItsKeyAndTakesEffectOnce() {
    Plan charge = new Plan("task-1", List.of(List.of(new Call(Kind.CHARGE, "c1"))));
    int result = indexOf(cleanRun(charge), io.agentkeel.api.JournalEntry.Kind.TOOL_RESULT, 0);
    CrashScenario scenario = new CrashScenario(new InMemoryTaskJournal());
    scenario.run(List.of(charge), List.of(new Kill(result, true)));
    scenario.checkInvariants(List.of(charge));
    assertThat(scenario.submitted).isEmpty();
    assertThat(scenario.world.invocations.get("c1")).hasValue(2);
    assertThat(scenario.world.effects("c1")).isEqualTo(1);
  }

  @Test
  void aReadThatMayHaveRunRunsAgainAndARecordedResultIsReused() {
    Plan reads =
        new Plan(
            "task-1", List.of(List.of(new Call(Kind.LOOK_UP, "r1"), new Call(Kind.LOOK_UP, "r2"))));
    int second = indexOf(cleanRun(reads), io.agentkeel.api.JournalEntry.Kind.TOOL_RESULT, 1);
    CrashScenario scenario = new CrashScenario(new InMemoryTaskJournal());
    scenario.run(List.of(reads), List.of(new Kill(second, false)));
    scenario.checkInvariants(List.of(reads));
    assertThat(scenario.world.invocations.get("r1")).hasValue(1);
    assertThat(scenario.world.invocations.get("r2")).hasValue(2);
  }

  @Test
  void aRecordedModelReplyIsNotAskedForAgain() {
    Plan pay = new Plan("task-1", List.of(List.of(new Call(Kind.LOOK_UP, "r1"))));
    List<io.agentkeel.api.JournalEntry> clean = cleanRun(pay);
    int intent = indexOf(clean, io.agentkeel.api.JournalEntry.Kind.TOOL_INTENT, 0);
    CrashScenario scenario = new CrashScenario(new InMemoryTaskJournal());
    scenario.run(List.of(pay), List.of(new Kill(intent, false)));
    scenario.checkInvariants(List.of(pay));
    assertThat(scenario.modelCalls.get()).isEqualTo(2);
  }

  @Test
  void aTaskWaitingInReviewIsResumedByTheNextProcessAndTheDestructiveCallRunsOnce() {
    Plan erase = new Plan("task-1", List.of(List.of(new Call(Kind.ERASE, "e1"))));
    int suspended = indexOf(cleanRun(erase), io.agentkeel.api.JournalEntry.Kind.SUSPENDED, 0);
    CrashScenario scenario = new CrashScenario(new InMemoryTaskJournal());
    scenario.run(List.of(erase), List.of(new Kill(suspended + 1, true)));
    scenario.checkInvariants(List.of(erase));
    assertThat(scenario.world.effects("e1")).isEqualTo(1);
  }

  @Test
  void aReviewLeftByARunThatDiedBeforeRecordingItsSuspensionIsRefusedAndTheTaskEndsOnce() {
    // The dying run queued its review request, then died at the record of its suspension: the
    // next process continues the task and asks again; the stale request must not resume it too.
    Plan erase = new Plan("task-1", List.of(List.of(new Call(Kind.ERASE, "e1"))));
    int suspended = indexOf(cleanRun(erase), io.agentkeel.api.JournalEntry.Kind.SUSPENDED, 0);
    CrashScenario scenario = new CrashScenario(new InMemoryTaskJournal());
    scenario.run(List.of(erase), List.of(new Kill(suspended, false)));
    scenario.checkInvariants(List.of(erase));
    assertThat(scenario.submitted).hasSize(2);
    assertThat(scenario.world.effects("e1")).isEqualTo(1);
  }
}
