package io.agentkeel.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.RateLimitKind;
import io.agentkeel.tools.spi.SideEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AuditSink} passes. Extend it in the sink's own tests; return a new
 * sink, and read back what it stored for one task (from its file, table or stream):
 *
 * <pre>{@code
 * class JsonlAuditSinkTest extends AuditSinkContract {
 *   @Override
 *   protected AuditSink newSink() {
 *     return new JsonlAuditSink(file);
 *   }
 *
 *   @Override
 *   protected List<AgentEvent> readBack(AuditSink sink, String taskId) {
 *     return JsonlAuditLog.read(file, taskId);
 *   }
 * }
 * }</pre>
 *
 * <p>It checks that the events of a task are stored in order, that nothing is lost under concurrent
 * appends from many tasks, and that flush and close keep what was appended. Events read back must
 * equal those appended ({@code equals}); a sink that stores a lossy form should compare in {@link
 * #readBack} what it keeps.
 */
public abstract class AuditSinkContract {

  /** For subclasses. */
  protected AuditSinkContract() {}

  /**
   * A new sink.
   *
   * @return the sink
   */
  protected abstract AuditSink newSink();

  /**
   * Reads back what the sink stored for one task, in the order stored.
   *
   * @param sink the sink the events were appended to
   * @param taskId the task
   * @return the stored events of that task
   * @throws Exception if the store cannot be read
   */
  protected abstract List<AgentEvent> readBack(AuditSink sink, String taskId) throws Exception;

  /**
   * A task id no other test run uses.
   *
   * @return the id
   */
  protected static String newTaskId() {
    return "audit-contract-" + UUID.randomUUID();
  }

  /**
   * The events of one task's run, in order: start, a model call, a write's intent and result, a
   * limit, the finish.
   *
   * @param taskId the task
   * @return the events
   */
  protected static List<AgentEvent> run(String taskId) {
    Instant t = Instant.parse("2026-05-01T10:00:00Z");
    return List.of(
        new AgentEvent.TaskStarted(taskId, t, "default", "user-1"),
        new AgentEvent.ToolIntended(
            taskId, t.plusMillis(1), "issue_refund", "call-1", SideEffect.WRITE, "{\"id\":\"A\"}"),
        new AgentEvent.ToolCalled(
            taskId, t.plusMillis(2), "issue_refund", "{\"id\":\"A\"}", Duration.ofMillis(1)),
        new AgentEvent.RateLimitHit(
            taskId,
            t.plusMillis(3),
            RateLimitKind.MODEL_CALL,
            "primary",
            120,
            Duration.ofSeconds(1),
            "tokens per minute"),
        new AgentEvent.LimitReached(
            taskId, t.plusMillis(4), AgentEvent.Limit.STEP_BUDGET, "10 steps spent"));
  }

  /** A task's events are stored in the order they were appended. */
  @Test
  void eventsOfATaskAreStoredInOrder() throws Exception {
    AuditSink sink = newSink();
    String taskId = newTaskId();
    List<AgentEvent> events = run(taskId);

    for (AgentEvent event : events) {
      sink.append(event);
    }
    sink.flush();

    assertThat(readBack(sink, taskId)).containsExactlyElementsOf(events);
    sink.close();
  }

  /** Concurrent appends of many tasks lose nothing, and each task keeps its order. */
  @Test
  void concurrentAppendsLoseNothingAndKeepEachTasksOrder() throws Exception {
    AuditSink sink = newSink();
    int tasks = 16;
    int rounds = 20;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      ids.add(newTaskId());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (String id : ids) {
        done.add(
            pool.submit(() -> {
              start.await();
              for (int r = 0; r < rounds; r++) {
                sink.append(
                    new AgentEvent.RetryScheduled(
                        id, Instant.EPOCH.plusMillis(r), r + 1, List.of("round " + r)));
              }
              return null;
            }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    sink.flush();

    for (String id : ids) {
      List<AgentEvent> stored = readBack(sink, id);
      assertThat(stored).as("events of %s", id).hasSize(rounds);
      for (int r = 0; r < rounds; r++) {
        assertThat(((AgentEvent.RetryScheduled) stored.get(r)).attempt()).isEqualTo(r + 1);
      }
    }
    sink.close();
  }

  /** What was appended before close is kept; flush and close do not throw. */
  @Test
  void flushAndCloseKeepWhatWasAppended() throws Exception {
    AuditSink sink = newSink();
    String taskId = newTaskId();
    List<AgentEvent> events = run(taskId);
    events.forEach(sink::append);

    assertThatCode(sink::flush).doesNotThrowAnyException();
    assertThatCode(sink::close).doesNotThrowAnyException();

    assertThat(readBack(sink, taskId)).containsExactlyElementsOf(events);
  }
}
