package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.Workflow;
import io.agentkeel.observability.DecisionLogSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous decision log loses nothing and keeps each run's order: under many writers, with
 * a queue far smaller than the load, behind a slow appender, after close, and when an appender
 * kills the writer thread with an Error; nor does the listener that runs alongside on its thread
 * (the metrics). An interrupt cuts short neither a task's wait for room nor a flush or close.
 */
@Timeout(60)
class DecisionLogQueueTest {

  private static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");
  private static final Workflow WORKFLOW = Workflow.defaults();

  private final Logger logger =
      (Logger) LoggerFactory.getLogger("test.decision-log." + UUID.randomUUID());
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final List<DecisionLogQueue> queues = new ArrayList<>();

  @AfterEach
  void closeQueues() {
    Thread.interrupted();
    queues.forEach(DecisionLogQueue::close);
  }

  private DecisionLogQueue queue(int capacity, Consumer<String> beforeAppend) {
    return queue(capacity, beforeAppend, null);
  }

  private DecisionLogQueue queue(
      int capacity, Consumer<String> beforeAppend, AgentEventListener alongside) {
    return queue(
        capacity,
        beforeAppend,
        alongside,
        Thread.ofPlatform().name("agentkeel-decision-log").daemon().factory());
  }

  private DecisionLogQueue queue(
      int capacity,
      Consumer<String> beforeAppend,
      AgentEventListener alongside,
      ThreadFactory threads) {
    // Unsynchronized, as OutputStreamAppender and AsyncAppender are: a line written on another
    // thread while the writer is inside append would show up out of order.
    UnsynchronizedAppenderBase<ILoggingEvent> appender =
        new UnsynchronizedAppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            beforeAppend.accept(event.getFormattedMessage());
            lines.add(event.getFormattedMessage());
          }
        };
    appender.start();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(appender);
    DecisionLogWriter writer =
        new DecisionLogWriter(
            logger,
            DecisionLogSettings.DEFAULTS,
            new TextFilter(List.of()),
            SpanLookup.NONE,
            new OfferedTools(List.of(), false, getClass().getClassLoader()));
    DecisionLogQueue queue = new DecisionLogQueue(writer, alongside, capacity, threads);
    queues.add(queue);
    return queue;
  }

  private static RunContext run(String taskId) {
    Task task =
        Task.builder().id(taskId).input("where is my order?").principal(Principal.of("a")).build();
    return new RunContext(task, WORKFLOW, "run-" + taskId, Clock.systemUTC());
  }

  private static void runThrough(DecisionLogQueue queue, String taskId) {
    RunContext run = run(taskId);
    queue.onEvent(new AgentEvent.TaskStarted(taskId, AT, WORKFLOW.name(), "a"), run);
    queue.onEvent(
        new AgentEvent.ModelCalled(
            taskId, AT, "m", 1, Duration.ofMillis(3), Optional.of(new TokenUsage(5, 2))),
        run);
    queue.onEvent(
        new AgentEvent.TaskFinished(
            taskId, AT, new Outcome.Completed(), Duration.ofMillis(9), new TokenUsage(5, 2), 1),
        run);
  }

  /** Each task's events, by task id, in the order they were logged. */
  private Map<String, List<String>> eventsByTask() {
    synchronized (lines) {
      return lines.stream()
          .map(Json::parseObject)
          .collect(
              Collectors.groupingBy(
                  line -> (String) line.get("task_id"),
                  Collectors.mapping(line -> (String) line.get("event"), Collectors.toList())));
    }
  }

  @Test
  void manyWritersThroughATinyQueueLoseNothingAndKeepEachRunsOrder() throws Exception {
    // A queue of 8 for 6,000 events, behind an appender that yields: tasks must wait, not drop.
    DecisionLogQueue queue = queue(8, line -> Thread.yield());
    int tasks = 2_000;
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < tasks; i++) {
        String id = "t-" + i;
        executor.submit(() -> runThrough(queue, id));
      }
    }
    queue.flush();
    Map<String, List<String>> byTask = eventsByTask();
    assertThat(byTask).hasSize(tasks);
    assertThat(byTask.values())
        .allSatisfy(events ->
            assertThat(events).containsExactly("task_started", "model_called", "task_finished"));
  }

  @Test
  void flushReturnsOnlyOnceEveryEarlierEventIsWritten() {
    CountDownLatch slow = new CountDownLatch(1);
    DecisionLogQueue queue =
        queue(
            1_024,
            line -> {
              try {
                slow.await(20, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    for (int i = 0; i < 20; i++) {
      runThrough(queue, "f-" + i);
    }
    queue.flush();
    assertThat(lines).hasSize(60);
  }

  @Test
  void closeWritesEverythingAndLaterEventsAreWrittenOnTheCallersThread() {
    DecisionLogQueue queue = queue(1_024, line -> {});
    for (int i = 0; i < 50; i++) {
      runThrough(queue, "c-" + i);
    }
    queue.close();
    assertThat(lines).hasSize(150);
    runThrough(queue, "after");
    assertThat(lines).hasSize(153);
    assertThat(eventsByTask().get("after"))
        .containsExactly("task_started", "model_called", "task_finished");
  }

  @Test
  void feedbackWrittenLaterKeepsItsPlaceAfterTheTasksLines() {
    DecisionLogQueue queue = queue(1_024, line -> Thread.yield());
    runThrough(queue, "rated");
    queue.later(() -> logger.info("{\"task_id\":\"rated\",\"event\":\"feedback\"}"));
    queue.flush();
    assertThat(eventsByTask().get("rated"))
        .containsExactly("task_started", "model_called", "task_finished", "feedback");
  }

  @Test
  void anErrorThatKillsTheWriterThreadLosesOnlyTheLineBeingWrittenAndNoEventAlongside() {
    // The metrics ride on this thread as the listener alongside: a lost line loses no count.
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger appended = new AtomicInteger();
    DecisionLogQueue queue =
        queue(
            1_024,
            line -> {
              if (appended.incrementAndGet() == 2) {
                throw new StackOverflowError("an appender recursed");
              }
            },
            (event, context) -> seen.add(event.taskId() + " " + event.getClass().getSimpleName()));
    for (int i = 0; i < 10; i++) {
      runThrough(queue, "e-" + i);
    }
    queue.flush();
    runThrough(queue, "after-error");
    queue.flush();
    // 33 events; the second line's write threw, every other line is there.
    assertThat(lines).hasSize(32);
    assertThat(eventsByTask().get("after-error"))
        .containsExactly("task_started", "model_called", "task_finished");
    assertThat(eventsByTask().get("e-9"))
        .containsExactly("task_started", "model_called", "task_finished");
    assertThat(seen).hasSize(33);
    assertThat(seen.subList(0, 3))
        .containsExactly("e-0 TaskStarted", "e-0 ModelCalled", "e-0 TaskFinished");
    assertThat(seen.subList(30, 33))
        .containsExactly(
            "after-error TaskStarted", "after-error ModelCalled", "after-error TaskFinished");
  }

  // Interrupts and a dead writer: what a task being cancelled or an appender's Error must not
  // break.

  private static AgentEvent step(String taskId, int step) {
    return new AgentEvent.ModelCalled(
        taskId, AT, "m", step, Duration.ofMillis(1), Optional.empty());
  }

  private List<Long> steps() {
    synchronized (lines) {
      return lines.stream().map(l -> (Long) Json.parseObject(l).get("step")).toList();
    }
  }

  /** A queue whose writer is stuck in the appender on step 1 of a run, until released. */
  private record Stuck(DecisionLogQueue queue, RunContext run, CountDownLatch release) {}

  /**
   * Delivers steps 1 to {@code steps} of a run to a queue whose appender blocks on the line of step
   * 1, once the writer is inside it.
   */
  private Stuck stuck(int capacity, String taskId, int steps) throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DecisionLogQueue queue =
        queue(
            capacity,
            line -> {
              if (line.contains("\"step\":1,")) {
                entered.countDown();
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    RunContext run = run(taskId);
    queue.onEvent(step(taskId, 1), run);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    for (int step = 2; step <= steps; step++) {
      queue.onEvent(step(taskId, step), run);
    }
    return new Stuck(queue, run, release);
  }

  @Test
  void flushAfterTheWriterThreadDiedWritesWhatItLeft() throws Exception {
    AtomicInteger appended = new AtomicInteger();
    DecisionLogQueue queue =
        queue(
            1_024,
            line -> {
              if (appended.incrementAndGet() == 1) {
                throw new StackOverflowError("an appender recursed");
              }
            });
    RunContext run = run("dead");
    for (int step = 1; step <= 3; step++) {
      queue.onEvent(step("dead", step), run);
    }
    // The thread takes all three within ~20 ms, dies on the first; give it time to die.
    Thread.sleep(500);
    queue.flush();
    // Documented: the line being written is lost, every other is written; flush returns once
    // every event delivered before it is written.
    assertThat(steps()).containsExactly(2L, 3L);
  }

  @Test
  void closeOnAnInterruptedThreadReturnsOnlyOnceEveryLineIsOut() throws Exception {
    Stuck stuck = stuck(1_024, "closing", 4);
    DecisionLogQueue queue = stuck.queue();
    Thread releaser = releaseLater(stuck.release());
    // e.g. an application shutting down from a worker that ExecutorService.shutdownNow()
    // interrupted
    Thread.currentThread().interrupt();
    queue.close();
    Thread.interrupted();
    List<Long> atClose = steps();
    releaser.join();
    assertThat(atClose).as("lines out when close() returned").containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void aTaskThreadThatIsInterruptedWhileTheQueueIsFullDoesNotReorderLines() throws Exception {
    Stuck stuck = stuck(4, "interrupted", 5); // steps 2 to 5 fill the queue of 4
    DecisionLogQueue queue = stuck.queue();
    // The task is cancelled (interrupted) and emits one more event while the queue is full: it
    // waits for room (the appender goes on 300 ms later) rather than write out of order.
    Thread releaser = releaseLater(stuck.release());
    Thread.currentThread().interrupt();
    queue.onEvent(step("interrupted", 6), stuck.run());
    assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    releaser.join();
    queue.flush();
    assertThat(steps()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  /** Lets the blocked appender go on after 300 ms, from another thread. */
  private static Thread releaseLater(CountDownLatch release) {
    return Thread.ofPlatform()
        .start(() -> {
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            return;
          }
          release.countDown();
        });
  }

  private static long writerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("agentkeel-decision-log"))
        .count();
  }

  @Test
  void closeOnAnInterruptedThreadStopsTheWriterThread() throws Exception {
    long before = writerThreads();
    Stuck stuck = stuck(1_024, "stopping", 2);
    DecisionLogQueue queue = stuck.queue();
    Thread releaser = releaseLater(stuck.release());
    Thread.currentThread().interrupt();
    queue.close();
    assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    releaser.join();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (writerThreads() > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(writerThreads()).as("decision log writer threads still running").isEqualTo(before);
  }

  @Test
  void anEventHandedOverAsCloseStopsTheWriterIsWrittenBeforeCloseReturns() throws Exception {
    // The writer thread counts close's stop down after the batch that holds it, and then ends. A
    // task may hand an event over after that batch was taken and before close marks the queue
    // closed: nothing takes it from the queue any more. The factory keeps the writer thread alive
    // after its work, as a thread that counted the stop down but has not ended yet is.
    CountDownLatch linger = new CountDownLatch(1);
    ThreadFactory lingering =
        work ->
            Thread.ofPlatform()
                .name("agentkeel-decision-log")
                .daemon()
                .unstarted(() -> {
                  work.run();
                  awaitQuietly(linger);
                });
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch firstRelease = new CountDownLatch(1);
    CountDownLatch secondEntered = new CountDownLatch(1);
    CountDownLatch secondRelease = new CountDownLatch(1);
    DecisionLogQueue queue =
        queue(
            1_024,
            line -> {
              if (line.contains("\"step\":1,")) {
                firstEntered.countDown();
                awaitQuietly(firstRelease);
              } else if (line.contains("\"step\":2,")) {
                secondEntered.countDown();
                awaitQuietly(secondRelease);
              }
            },
            null,
            lingering);
    RunContext run = run("t-closing");
    try {
      queue.onEvent(step("t-closing", 1), run);
      assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
      Thread closer = Thread.ofPlatform().start(queue::close);
      // close waits for its stop once it has handed it over.
      while (closer.getState() != Thread.State.TIMED_WAITING) {
        Thread.onSpinWait();
      }
      // Step 2 follows the stop: the writer takes both in one batch and writes step 2 before it
      // counts the stop down.
      queue.onEvent(step("t-closing", 2), run);
      firstRelease.countDown();
      assertThat(secondEntered.await(5, TimeUnit.SECONDS)).isTrue();
      // Step 3 comes after the writer's last batch, while close still waits.
      queue.onEvent(step("t-closing", 3), run);
      secondRelease.countDown();
      closer.join();
      assertThat(steps()).containsExactly(1L, 2L, 3L);
    } finally {
      firstRelease.countDown();
      secondRelease.countDown();
      linger.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
