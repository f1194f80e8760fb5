package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzes suspended-state decoding through {@link Agent#resume}: a review request whose stored state
 * is arbitrary text (corrupted, truncated, forged or from another version) must, for every kind of
 * request and decision, end in exactly one audited outcome; resume never throws.
 */
class SuspendedStateFuzzTest {

  private static final RecordingAudit AUDIT = new RecordingAudit();
  private static final ForgettingQueue QUEUE = new ForgettingQueue();
  private static final DeskTools TOOLS = new DeskTools();
  private static final AtomicLong IDS = new AtomicLong();
  private static final Agent AGENT =
      AgentKeel.builder()
          .model(
              "primary",
              ScriptedChatModel.responding(
                  "primary", request -> ModelStep.answer("done", 0.95, "ok")))
          .tools(TOOLS)
          .reviewQueue(QUEUE)
          .noPluginDiscovery()
          .add(AuditSink.class, AUDIT)
          .workflow(
              Workflow.builder(Workflow.DEFAULT_NAME)
                  .budget(new LoopBudget(3, Duration.ofSeconds(10), 2, 1, Duration.ofSeconds(5)))
                  .build())
          .build();

  @FuzzTest(maxDuration = "10m")
  void resumeFromAnyStateEndsInOneAuditedOutcome(byte[] input) {
    String state = new String(input, StandardCharsets.UTF_8);
    for (ReviewKind kind : ReviewKind.values()) {
      for (int decision = 0; decision < 3; decision++) {
        String id = "fuzz-review-" + IDS.incrementAndGet();
        Task task =
            Task.builder()
                .id("fuzz-task-" + IDS.incrementAndGet())
                .input("Cancel order A-1 please")
                .principal(Runs.USER)
                .build();
        QUEUE.submit(
            new ReviewRequest(
                id,
                task,
                kind,
                Priority.NORMAL,
                "fuzzed state",
                kind == ReviewKind.DESTRUCTIVE_CALL ? Optional.empty() : Optional.of("proposed"),
                Optional.empty(),
                kind == ReviewKind.DESTRUCTIVE_CALL
                    ? Optional.of(
                        new PendingToolCall(
                            "cancel_order", "{\"order_id\":\"A-1\"}", List.of("orders:write")))
                    : Optional.empty(),
                state,
                Instant.parse("2026-11-30T08:00:00Z")));
        ReviewDecision made =
            switch (decision) {
              case 0 -> new ReviewDecision.Approve(id, "alice");
              case 1 -> new ReviewDecision.Edit(id, "alice", "{\"order_id\":\"A-2\"}");
              default -> new ReviewDecision.Reject(id, "alice", "no");
            };

        AgentResult result = AGENT.resume(made);

        assertThat(result.taskId()).isEqualTo(task.id());
        Runs.assertOneAuditedOutcome(result, AUDIT);
        AUDIT.forget(result.taskId());
        QUEUE.forget(id);
      }
    }
  }

  /** A review queue that can drop decided requests, so long fuzz runs keep a flat heap. */
  static final class ForgettingQueue implements ReviewQueue {
    private final Map<String, ReviewRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, Boolean> claimed = new ConcurrentHashMap<>();

    @Override
    public void submit(ReviewRequest request) {
      requests.put(request.id(), request);
    }

    @Override
    public Optional<ReviewRequest> find(String id) {
      return Optional.ofNullable(requests.get(id));
    }

    @Override
    public Optional<ReviewRequest> claim(String id) {
      ReviewRequest request = requests.get(id);
      if (request == null || claimed.putIfAbsent(id, Boolean.TRUE) != null) {
        return Optional.empty();
      }
      return Optional.of(request);
    }

    @Override
    public List<ReviewRequest> pending() {
      return requests.values().stream().filter(r -> !claimed.containsKey(r.id())).toList();
    }

    void forget(String id) {
      requests.remove(id);
      claimed.remove(id);
    }
  }
}
