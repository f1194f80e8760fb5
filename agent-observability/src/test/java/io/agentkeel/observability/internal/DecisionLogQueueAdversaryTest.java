package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.observability.DecisionLogSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Tries to make the asynchronous decision log drop, reorder or leave lines unwritten. */
@Timeout(60)
class DecisionLogQueueAdversaryTest {

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
    DecisionLogQueue queue = new DecisionLogQueue(writer, null, capacity);
    queues.add(queue);
    return queue;
  }

  private static RunContext run(String taskId) {
    Task task =
        Task.builder().id(taskId).input("where is my order?").principal(Principal.of("a")).build();
    return new RunContext(task, WORKFLOW, "run-" + taskId, Clock.systemUTC());
  }

  private static AgentEvent step(String taskId, int step) {
    return new AgentEvent.ModelCalled(
        taskId, AT, "m", step, Duration.ofMillis(1), Optional.empty());
  }

  private List<Long> steps() {
    synchronized (lines) {
      return lines.stream().map(l -> (Long) Json.parseObject(l).get("step")).toList();
    }
  }

  /** Blocks the appender on the line of step 1 until released. */
  private static Consumer<String> blockOnStepOne(CountDownLatch entered, CountDownLatch release) {
    return line -> {
      if (line.contains("\"step\":1,")) {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
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
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DecisionLogQueue queue = queue(1_024, blockOnStepOne(entered, release));
    RunContext run = run("closing");
    queue.onEvent(step("closing", 1), run);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    for (int step = 2; step <= 4; step++) {
      queue.onEvent(step("closing", step), run);
    }
    Thread releaser = releaseLater(release);
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
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DecisionLogQueue queue = queue(4, blockOnStepOne(entered, release));
    RunContext run = run("interrupted");
    queue.onEvent(step("interrupted", 1), run);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    for (int step = 2; step <= 5; step++) {
      queue.onEvent(step("interrupted", step), run); // fills the queue of 4
    }
    // The task is cancelled (interrupted) and emits one more event while the queue is full: it
    // waits for room (the appender goes on 300 ms later) rather than write out of order.
    Thread releaser = releaseLater(release);
    Thread.currentThread().interrupt();
    queue.onEvent(step("interrupted", 6), run);
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
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DecisionLogQueue queue = queue(1_024, blockOnStepOne(entered, release));
    RunContext run = run("stopping");
    queue.onEvent(step("stopping", 1), run);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    queue.onEvent(step("stopping", 2), run);
    Thread releaser = releaseLater(release);
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
}
