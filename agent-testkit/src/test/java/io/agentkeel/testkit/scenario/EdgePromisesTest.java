package io.agentkeel.testkit.scenario;

import static io.agentkeel.testkit.AgentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.ModelBoundary;
import io.agentkeel.api.ModelText;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Promises of the loop at its edges. Each test failed before its fix. */
class EdgePromisesTest {

  private static final Principal USER = new Principal("user", "acme", Set.of("things:read"));

  private static final Duration DEADLINE = Duration.ofMillis(300);

  private final HostileTools hostile = new HostileTools();
  private final List<AgentEvent> audited = new CopyOnWriteArrayList<>();
  private final List<Agent> agents = new ArrayList<>();

  @AfterEach
  void close() {
    agents.forEach(Agent::close);
  }

  private static Task task(String input) {
    return Task.builder().input(input).principal(USER).build();
  }

  /** Asks for read_thing once, then answers. */
  private static ScriptedChatModel readingThenAnswering(Duration answerDelay) {
    return ScriptedChatModel.responding(
        "primary",
        request ->
            request.messages().size() < 3
                ? ModelStep.toolCall("read_thing", "{\"id\":\"a\"}")
                : ModelStep.answer("done", 0.95, "ok").after(answerDelay));
  }

  private AgentKeel.Builder builder(ScriptedChatModel model) {
    return builder(model, Duration.ofSeconds(30));
  }

  private AgentKeel.Builder builder(ScriptedChatModel model, Duration deadline) {
    return AgentKeel.builder()
        .model("primary", model)
        .tools(hostile)
        .noPluginDiscovery()
        .add(AuditSink.class, audited::add)
        .workflow(
            Workflow.builder(Workflow.DEFAULT_NAME)
                .budget(LoopBudget.DEFAULT.withMaxDuration(deadline))
                .build());
  }

  // ------------------------------------------------------------ close() and a call let in late

  /**
   * The agent's clock, which holds the first run that reads it until the agent is closed: the run
   * was let in, but reaches the supervisor only after close() looked at the runs in flight.
   */
  private static final class HoldingClock extends Clock {
    final AtomicReference<Agent> agent = new AtomicReference<>();
    final AtomicBoolean armed = new AtomicBoolean();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      if (armed.compareAndSet(true, false)) {
        awaitClosed();
      }
      return Instant.now();
    }

    private void awaitClosed() {
      while (true) {
        try {
          agent.get().recover("probe");
          Thread.sleep(1);
        } catch (IllegalStateException closed) {
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Agent heldAgent(HoldingClock clock) {
    hostile.readBehaviour.set(() -> {
      try {
        Thread.sleep(60_000);
        return "slept";
      } catch (InterruptedException e) {
        return "interrupted";
      }
    });
    Agent agent = builder(readingThenAnswering(Duration.ZERO), DEADLINE).clock(clock).build();
    clock.agent.set(agent);
    clock.armed.set(true);
    return agent;
  }

  private void assertFinishedAndAudited(String taskId) {
    assertThat(audited)
        .as("the audit trail when close() returned")
        .anySatisfy(event -> {
          assertThat(event).isInstanceOf(AgentEvent.TaskFinished.class);
          assertThat(event.taskId()).isEqualTo(taskId);
        });
  }

  @Test
  void closeWaitsForASubmittedTaskThatHadNotReachedTheSupervisorYet() {
    HoldingClock clock = new HoldingClock();
    Agent agent = heldAgent(clock);
    Task task = task("read a");

    CompletableFuture<AgentResult> submitted = agent.submit(task);
    agent.close();

    // Before: close() found no run in flight, stopped the watchdog and returned; the run then
    // slept in its tool for a minute, far past its budget, and its future stayed open.
    assertThat(submitted).isDone();
    assertThat(submitted.join()).reasonContains("time budget");
    assertFinishedAndAudited(task.id());
  }

  @Test
  void closeWaitsForAnExecutedTaskThatHadNotReachedTheSupervisorYet() {
    HoldingClock clock = new HoldingClock();
    Agent agent = heldAgent(clock);
    Task task = task("read a");

    CompletableFuture<AgentResult> executed =
        CompletableFuture.supplyAsync(() -> agent.execute(task));
    while (clock.armed.get()) {
      Thread.onSpinWait();
    }
    agent.close();

    assertFinishedAndAudited(task.id());
    assertThat(executed.join()).reasonContains("time budget");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void closeCalledWhenASubmittedTaskCompletesReturns() {
    CountDownLatch callbackAdded = new CountDownLatch(1);
    hostile.readBehaviour.set(() -> {
      try {
        callbackAdded.await();
        return "ok";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    });
    Agent agent = builder(readingThenAnswering(Duration.ZERO)).build();
    agents.add(agent);

    CompletableFuture<AgentResult> submitted = agent.submit(task("read a"));
    CompletableFuture<Void> closedOnCompletion = submitted.thenRun(agent::close);
    callbackAdded.countDown();

    // Before: a callback added to the future runs before the agent's own, which let the task out
    // of the close's count, so close() waited forever for the very task whose completion called
    // it, holding the run's thread.
    closedOnCompletion.join();
    assertThat(submitted.join()).isCompleted();
  }

  @Test
  void closeReturnsOnlyOnceEverySubmittedTasksFutureIsDone() {
    // Before: a submitted task left the close's count just before its caller's future was
    // completed, so close() could return with that future still open (seen in CI, about one run
    // in a hundred). Many rounds of tasks ending as the agent closes.
    for (int round = 0; round < 200; round++) {
      Agent agent = builder(readingThenAnswering(Duration.ZERO)).build();
      List<CompletableFuture<AgentResult>> submitted = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        submitted.add(agent.submit(task("read a")));
      }
      agent.close();

      assertThat(submitted).as("round %d", round).allSatisfy(f -> assertThat(f).isDone());
    }
  }

  // ------------------------------------------------------------ hostile extensions and tools

  @Test
  void aTaskScorerThatThrowsAnErrorScoresZeroAndSubmitStillReturns() {
    Agent agent =
        builder(readingThenAnswering(Duration.ZERO))
            .taskScorer(queued -> {
              throw new StackOverflowError();
            })
            .build();
    agents.add(agent);

    // Before: the StackOverflowError escaped submit (only RuntimeException was caught).
    AgentResult result = agent.submit(task("read a")).join();

    assertThat(result).isCompleted();
  }

  @Test
  void aToolThatInterruptsItsOwnThreadDoesNotFailTheRestOfTheTask() {
    hostile.readBehaviour.set(() -> {
      Thread.currentThread().interrupt();
      return "read";
    });
    // The answer waits a millisecond, as a model client's blocking read does: on an interrupted
    // thread it fails at once.
    Agent agent = builder(readingThenAnswering(Duration.ofMillis(1))).build();
    agents.add(agent);

    AgentResult result = agent.execute(task("read a"));

    // Before: the interrupt leaked past the call, and the model "failed" (MODEL_UNAVAILABLE).
    assertThat(result).isCompleted();
    assertThat(result.trace()).noneMatch(AgentEvent.ModelFailed.class::isInstance);
  }

  /** A clock that fails two reads of three: one throws, one answers null. */
  private static final class FailingClock extends Clock {
    private final java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return switch (reads.getAndIncrement() % 3) {
        case 0 -> throw new IllegalStateException("the time service is down");
        case 1 -> null;
        default -> Instant.now();
      };
    }
  }

  @Test
  void aClockThatThrowsOrAnswersNullCannotBreakExecuteSubmitOrTheSupervisor() throws Exception {
    Agent agent = builder(readingThenAnswering(Duration.ZERO)).clock(new FailingClock()).build();
    agents.add(agent);

    // Before: execute threw the clock's exception, and a submitted task's future never completed
    // (the exception ended the intake's thread before the run was supervised).
    AgentResult executed = agent.execute(task("read a"));
    AgentResult submitted = agent.submit(task("read a")).get(30, TimeUnit.SECONDS);

    assertThat(executed).isCompleted();
    assertThat(submitted).isCompleted();
  }

  /** A boundary that fails on one kind of text, each way. */
  private record FailingBoundary(ModelText failOn) implements ModelBoundary {
    @Override
    public String toModel(String text, ModelText kind, RunContext context) {
      if (kind == failOn) {
        throw new IllegalStateException("the vault is down");
      }
      return text;
    }

    @Override
    public String fromModel(String text, ModelText kind, RunContext context) {
      return toModel(text, kind, context);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ModelText.class,
      names = {"USER_INPUT", "TOOL_ARGUMENTS", "TOOL_RESULT", "ANSWER"})
  void aModelBoundaryThatThrowsFailsTheTaskNamingTheBoundaryAndTheTextItWasGiven(ModelText kind) {
    Agent agent =
        builder(readingThenAnswering(Duration.ZERO))
            .add(ModelBoundary.class, new FailingBoundary(kind))
            .build();
    agents.add(agent);

    AgentResult result = agent.execute(task("read a"));

    // Before: 'AgentKeel failed internally (BoundaryFailed); see the log', as if core had a defect.
    assertThat(result.outcome())
        .isInstanceOfSatisfying(
            Outcome.Failed.class,
            failed -> assertThat(failed.category()).isEqualTo(FailureCategory.INTERNAL));
    assertThat(result.reason())
        .contains(FailingBoundary.class.getName())
        .contains("IllegalStateException")
        .contains(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .doesNotContain("AgentKeel failed internally")
        .doesNotContain("the vault is down");
    assertThat(result.answer()).isEmpty();
    if (kind == ModelText.USER_INPUT || kind == ModelText.TOOL_ARGUMENTS) {
      assertThat(hostile.reads).hasValue(0);
    }
    assertThat(audited).last().isInstanceOf(AgentEvent.TaskFinished.class);
  }
}
