package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.core.InMemoryTaskJournal;
import io.agentkeel.durable.CrashScenario.Call;
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
}
