package io.agentkeel.durable;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.agentkeel.core.InMemoryTaskJournal;
import io.agentkeel.durable.CrashScenario.Call;
import io.agentkeel.durable.CrashScenario.Kill;
import io.agentkeel.durable.CrashScenario.Kind;
import io.agentkeel.durable.CrashScenario.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Durable execution over random kill points: tasks of random plans (reads, writes with and without
 * an idempotency key, destructive calls a person confirms) run through processes that die at random
 * journal appends, losing what a group commit had not stored yet, and each next process recovers.
 * Whatever the kill points: every task has exactly one outcome, no write or destructive call takes
 * effect twice, and a call that may have run reached a person unless its tool uses the idempotency
 * key.
 */
class RandomKillPointsPropertyTest {

  @Test
  void theInvariantsHoldWhereverTheProcessesDie() {
    qt().withExamples(60)
        .forAll(
            longs().all(),
            lists().of(integers().between(0, 30)).ofSizeBetween(1, 3),
            booleans().all())
        .checkAssert((seed, kills, loseBuffered) -> {
          List<Plan> plans = plans(new Random(seed));
          CrashScenario scenario = new CrashScenario(new InMemoryTaskJournal());
          scenario.run(plans, kills.stream().map(at -> new Kill(at, loseBuffered)).toList());
          scenario.checkInvariants(plans);
        });
  }

  static List<Plan> plans(Random random) {
    List<Plan> plans = new ArrayList<>();
    int tasks = 1 + random.nextInt(2);
    for (int t = 1; t <= tasks; t++) {
      String id = "task-" + t;
      List<List<Call>> steps = new ArrayList<>();
      int replies = 1 + random.nextInt(3);
      for (int s = 0; s < replies; s++) {
        List<Call> calls = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        for (int c = 0; c < count; c++) {
          Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
          calls.add(new Call(kind, id + "-" + s + "-" + c));
        }
        steps.add(calls);
      }
      plans.add(new Plan(id, steps));
    }
    return plans;
  }
}
