package io.agentkeel.testkit.scenario;

import static io.agentkeel.testkit.AgentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.ConfidenceScorer;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.OutputValidator;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.ValidationResult;
import io.agentkeel.api.Workflow;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, part A: the parts of points A1, A2 and A5 that {@link PromisesTest} does not make fail
 * on the code before the issue (15aadff). There, PromisesTest's A5 test passes its deadline half,
 * because close() waited for the submitted task whose deadline came after the executed one's; no
 * test threw from the model while a task was resumed; and the output filter, rate limiter, session
 * memory, listener, validator and scorer had no slow-extension test of their own. Each test here
 * failed on 15aadff (see src/test/resources/part-a-evidence.md).
 */
class MorePromisesTest {

  private static final Principal USER =
      new Principal("user", "acme", Set.of("things:read", "things:write", "orders:write"));

  /** Scheduling slack on this shared, loaded machine, over deadline + the documented grace. */
  private static final Duration SLACK = Duration.ofMillis(1_500);

  /** The documented grace of the run supervisor. */
  private static final Duration GRACE = Duration.ofMillis(500);

  private static final Duration DEADLINE = Duration.ofMillis(300);

  private final HostileTools hostile = new HostileTools();
  private final OrderDeskTools orders = new OrderDeskTools();
  private final List<AgentEvent> audited = new CopyOnWriteArrayList<>();
  private final List<Agent> agents = new ArrayList<>();

  @AfterEach
  void close() {
    agents.forEach(Agent::close);
  }

  private AgentKeel.Builder builder(ScriptedChatModel model, Duration deadline) {
    return AgentKeel.builder()
        .model("primary", model)
        .tools(hostile, orders)
        .noPluginDiscovery()
        .add(AuditSink.class, audited::add)
        .workflow(
            Workflow.builder(Workflow.DEFAULT_NAME)
                .budget(new LoopBudget(5, deadline, 2, 1, Duration.ofSeconds(5)))
                .build());
  }

  private Agent keep(Agent agent) {
    agents.add(agent);
    return agent;
  }

  private static Task task(String input) {
    return Task.builder().input(input).principal(USER).sessionId("more-promises").build();
  }

  /**
   * One outcome, the trace ends with it, and the task's audit trail ends with it too, unless the
   * outcome itself says the audit gave up (as in LoopPropertiesTest: an output filter that stalls
   * also stalls the filtered events on their way to the audit).
   */
  private void assertEndsInOneAuditedOutcome(AgentResult result) {
    assertThat(result.trace().stream().filter(AgentEvent.TaskFinished.class::isInstance))
        .hasSize(1);
    assertThat(result.trace().getLast())
        .isInstanceOfSatisfying(
            AgentEvent.TaskFinished.class,
            finished -> assertThat(finished.outcome()).isEqualTo(result.outcome()));
    if (result.outcome() instanceof Outcome.Failed failed
        && failed.category() == FailureCategory.AUDIT_UNAVAILABLE) {
      return;
    }
    List<AgentEvent> ofTask =
        audited.stream().filter(e -> e.taskId().equals(result.taskId())).toList();
    assertThat(ofTask).isNotEmpty();
    assertThat(ofTask.getLast()).isEqualTo(result.trace().getLast());
  }

  // ------------------------------------------------------------ A1: resume, whatever is thrown

  @Test
  void a1_anErrorFromTheModelClientAfterAnApprovalEndsTheResumeInAnOutcome() {
    InMemoryReviewQueue queue = new InMemoryReviewQueue();
    ScriptedChatModel model =
        ScriptedChatModel.responding(
            "primary",
            request -> {
              if (request.messages().size() < 3) {
                return ModelStep.toolCall("cancel_order", "{\"order_id\":\"A-1\"}");
              }
              throw new StackOverflowError("model client after the approval");
            });
    Agent agent = keep(builder(model, Duration.ofSeconds(5)).reviewQueue(queue).build());
    ReviewRequest request =
        ((Outcome.InReview) agent.execute(task("cancel A-1")).outcome()).request();

    AgentResult resumed = agent.resume(new ReviewDecision.Approve(request.id(), "alice"));

    assertThat(resumed).isFailedWith(FailureCategory.MODEL_UNAVAILABLE);
    assertThat(orders.cancels).hasValue(1);
    assertEndsInOneAuditedOutcome(resumed);
  }

  // ------------------------------------------------------------ A2: every extension point

  private void assertHeldToTheDeadline(Agent agent) throws Exception {
    long started = System.nanoTime();
    AgentResult executed = agent.execute(task("hi"));
    Duration tookExecute = Duration.ofNanos(System.nanoTime() - started);
    started = System.nanoTime();
    AgentResult submitted = agent.submit(task("hi again")).get(10, TimeUnit.SECONDS);
    Duration tookSubmit = Duration.ofNanos(System.nanoTime() - started);

    assertThat(tookExecute).isLessThan(DEADLINE.plus(GRACE).plus(SLACK));
    assertThat(tookSubmit).isLessThan(DEADLINE.plus(GRACE).plus(SLACK));
    assertEndsInOneAuditedOutcome(executed);
    assertEndsInOneAuditedOutcome(submitted);
  }

  @Test
  void a2_aSlowOutputFilterCannotHoldExecuteOrSubmitPastTheDeadline() throws Exception {
    OutputFilter slow =
        new OutputFilter() {
          @Override
          public String name() {
            return "slow";
          }

          @Override
          public String filter(String text, OutputChannel channel, RunContext context) {
            HostileTools.ignoreInterrupts(3_000);
            return text;
          }
        };
    ScriptedChatModel model =
        ScriptedChatModel.responding("primary", request -> ModelStep.answer("fine", 0.95, "ok"));
    assertHeldToTheDeadline(keep(builder(model, DEADLINE).add(OutputFilter.class, slow).build()));
  }

  @Test
  void a2_aSlowRateLimiterCannotHoldExecuteOrSubmitPastTheDeadline() throws Exception {
    RateLimiter slow =
        (request, context) -> {
          HostileTools.ignoreInterrupts(3_000);
          return RateLimitDecision.admitted();
        };
    ScriptedChatModel model =
        ScriptedChatModel.responding("primary", request -> ModelStep.answer("fine", 0.95, "ok"));
    assertHeldToTheDeadline(keep(builder(model, DEADLINE).use(RateLimiter.class, slow).build()));
  }

  @Test
  void a2_aSlowSessionMemoryCannotHoldExecuteOrSubmitPastTheDeadline() throws Exception {
    SessionMemory slow =
        new SessionMemory() {
          @Override
          public List<ChatTurn> recent(MemoryOwner owner, String sessionId, int maxTurns) {
            HostileTools.ignoreInterrupts(3_000);
            return List.of();
          }

          @Override
          public void append(MemoryOwner owner, String sessionId, ChatTurn turn) {
            HostileTools.ignoreInterrupts(3_000);
          }

          @Override
          public void clear(MemoryOwner owner, String sessionId) {}

          @Override
          public int forget(MemoryOwner owner) {
            return 0;
          }
        };
    ScriptedChatModel model =
        ScriptedChatModel.responding("primary", request -> ModelStep.answer("fine", 0.95, "ok"));
    assertHeldToTheDeadline(keep(builder(model, DEADLINE).use(SessionMemory.class, slow).build()));
  }

  @Test
  void a2_aSlowListenerCannotHoldExecuteOrSubmitPastTheDeadline() throws Exception {
    AgentEventListener slow =
        (event, context) -> {
          if (event instanceof AgentEvent.ModelCalled) {
            HostileTools.ignoreInterrupts(3_000);
          }
        };
    ScriptedChatModel model =
        ScriptedChatModel.responding("primary", request -> ModelStep.answer("fine", 0.95, "ok"));
    assertHeldToTheDeadline(
        keep(builder(model, DEADLINE).add(AgentEventListener.class, slow).build()));
  }

  @Test
  void a2_aSlowValidatorCannotHoldExecuteOrSubmitPastTheDeadline() throws Exception {
    OutputValidator slow =
        (answer, context) -> {
          HostileTools.ignoreInterrupts(3_000);
          return ValidationResult.valid();
        };
    ScriptedChatModel model =
        ScriptedChatModel.responding("primary", request -> ModelStep.answer("fine", 0.95, "ok"));
    assertHeldToTheDeadline(
        keep(builder(model, DEADLINE).add(OutputValidator.class, slow).build()));
  }

  @Test
  void a2_aSlowConfidenceScorerCannotHoldExecuteOrSubmitPastTheDeadline() throws Exception {
    ConfidenceScorer slow =
        (signals, context) -> {
          HostileTools.ignoreInterrupts(3_000);
          return new Confidence(0.95, "scored");
        };
    ScriptedChatModel model =
        ScriptedChatModel.responding("primary", request -> ModelStep.answer("fine", 0.95, "ok"));
    assertHeldToTheDeadline(
        keep(builder(model, DEADLINE).use(ConfidenceScorer.class, slow).build()));
  }

  // ------------------------------------------------------------ A5: close() keeps promises

  /** The time budget of the A5 tests: long enough that a cold run reaches its model call. */
  private static final Duration A5_DEADLINE = Duration.ofSeconds(2);

  /**
   * A model that asks for cancel_order on a fresh task and, once the call ran, stalls for ten
   * seconds (interruptibly), opening the latch as it starts to stall.
   */
  private static ScriptedChatModel stallingAfterTheFirstReply(CountDownLatch stalling) {
    return ScriptedChatModel.responding(
        "primary",
        request -> {
          if (request.messages().size() < 3
              && request.messages().getLast().toString().contains("cancel A-1")) {
            return ModelStep.toolCall("cancel_order", "{\"order_id\":\"A-1\"}");
          }
          stalling.countDown();
          return ModelStep.answer("late", 0.95, "ok").after(Duration.ofSeconds(10));
        });
  }

  private static AgentResult closeWhileStalledAndAwait(
      Agent agent, CountDownLatch stalling, CompletableFuture<AgentResult> inFlight)
      throws Exception {
    assertThat(stalling.await(10, TimeUnit.SECONDS))
        .as("the run reached its stalling model call")
        .isTrue();

    agent.close();

    return inFlight.get(A5_DEADLINE.plus(GRACE).plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void a5_closeWithNothingQueuedKeepsTheDeadlineOfATaskInFlightInExecute() throws Exception {
    CountDownLatch stalling = new CountDownLatch(1);
    Agent agent = builder(stallingAfterTheFirstReply(stalling), A5_DEADLINE).build();
    CompletableFuture<AgentResult> inFlight =
        CompletableFuture.supplyAsync(() -> agent.execute(task("hi")));

    AgentResult executed = closeWhileStalledAndAwait(agent, stalling, inFlight);

    // Escalated when the interrupted run ends in time, Failed (abandoned) when it does not.
    assertThat(executed).reasonContains("time budget");
    assertEndsInOneAuditedOutcome(executed);
  }

  @Test
  void a5_closeWithNothingQueuedKeepsTheDeadlineOfATaskInFlightInResume() throws Exception {
    InMemoryReviewQueue queue = new InMemoryReviewQueue();
    CountDownLatch stalling = new CountDownLatch(1);
    Agent agent =
        builder(stallingAfterTheFirstReply(stalling), A5_DEADLINE).reviewQueue(queue).build();
    ReviewRequest request =
        ((Outcome.InReview) agent.execute(task("cancel A-1")).outcome()).request();
    CompletableFuture<AgentResult> inFlight =
        CompletableFuture.supplyAsync(
            () -> agent.resume(new ReviewDecision.Approve(request.id(), "alice")));

    AgentResult resumed = closeWhileStalledAndAwait(agent, stalling, inFlight);

    assertThat(orders.cancels).hasValue(1);
    assertThat(resumed).reasonContains("time budget");
    assertEndsInOneAuditedOutcome(resumed);
  }
}
