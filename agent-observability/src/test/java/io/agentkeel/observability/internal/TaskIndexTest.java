package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.observability.TraceLinkStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Tasks and their trace links share one bounded map: one entry, one eviction per task. */
class TaskIndexTest {

  private static RunContext run(String taskId, String runId) {
    Task task = Task.builder().id(taskId).input("hi").principal(Principal.of("a")).build();
    return new RunContext(task, Workflow.defaults(), runId, Clock.systemUTC());
  }

  @Test
  void aTaskKeepsItsLatestRunAndItsFirstSpanWhicheverCameFirst() {
    TaskIndex index = new TaskIndex(10);
    TraceLinkStore links = index.links();
    links.put("linked-first", "00-a-b-01");
    assertThat(index.get("linked-first")).isEmpty();
    index.seen(run("linked-first", "r1"));
    assertThat(index.get("linked-first")).map(RunContext::runId).contains("r1");
    assertThat(links.get("linked-first")).contains("00-a-b-01");

    index.seen(run("seen-first", "r2"));
    assertThat(links.get("seen-first")).isEmpty();
    links.put("seen-first", "00-c-d-01");
    index.seen(run("seen-first", "r3"));
    assertThat(index.get("seen-first")).map(RunContext::runId).contains("r3");
    assertThat(links.get("seen-first")).contains("00-c-d-01");
  }

  @Test
  void theOldestTaskIsForgottenWithItsLinkAndTheBoundHoldsForBoth() {
    TaskIndex index = new TaskIndex(3);
    TraceLinkStore links = index.links();
    for (int i = 0; i < 5; i++) {
      index.seen(run("t" + i, "r" + i));
      links.put("t" + i, "00-" + i + "-x-01");
    }
    for (int i = 0; i < 2; i++) {
      assertThat(index.get("t" + i)).isEmpty();
      assertThat(links.get("t" + i)).isEmpty();
    }
    for (int i = 2; i < 5; i++) {
      assertThat(index.get("t" + i)).isPresent();
      assertThat(links.get("t" + i)).contains("00-" + i + "-x-01");
    }
  }
}
