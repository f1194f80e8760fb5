package io.agentkeel.benchmarks;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 10,000 tasks submitted at once, each making two model calls of 100 ms simulated latency and one
 * tool call ({@code lookup_order}, then the answer): the ideal wall time is 200 ms. Every task has
 * its own id, as in production. {@code tenThousandTasks} gives the wall time
 * (concurrency_wall_over_ideal = its score / 200 ms); {@code heapInFlight} holds all 10,000 tasks
 * inside their first model call, collects garbage, and reports the heap they hold per task
 * (heap_per_inflight_task_kb) as a secondary result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
public class ConcurrencyBenchmark {

  static final int TASKS = 10_000;
  static final Duration LATENCY = Duration.ofMillis(100);

  private static final Principal PRINCIPAL = Principal.of("bench", "orders:read");

  private final AtomicLong ids = new AtomicLong();
  private Agent agent;
  private GatedModel model;

  /** A model of fixed latency whose first calls can be held at a gate, to count what they hold. */
  static final class GatedModel extends TwoToolTask.ScriptlessModel {
    private final AtomicBoolean gated = new AtomicBoolean();
    private volatile CountDownLatch arrived = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);

    GatedModel() {
      super(LATENCY, 1);
    }

    void gate() {
      arrived = new CountDownLatch(TASKS);
      release = new CountDownLatch(1);
      gated.set(true);
    }

    void awaitAllArrived() throws InterruptedException {
      if (!arrived.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not every task reached its first model call");
      }
    }

    void open() {
      gated.set(false);
      release.countDown();
    }

    @Override
    public dev.langchain4j.model.chat.response.ChatResponse doChat(
        dev.langchain4j.model.chat.request.ChatRequest request) {
      if (gated.get() && TwoToolTask.toolResults(request.messages()) == 0) {
        arrived.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.doChat(request);
    }
  }

  /** Heap held per task in flight, reported next to the benchmark's time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {
    /** Kilobytes of heap held per task while all tasks are in flight. */
    public double heapPerTaskKb;
  }

  /** Builds an agent that may run all tasks at once. */
  @Setup(Level.Trial)
  public void setUp() {
    model = new GatedModel();
    agent =
        AgentKeel.builder()
            .model("slow", model)
            .tools(new TwoToolTask.AgentKeelTools())
            .concurrency(TASKS)
            .noPluginDiscovery()
            .build();
  }

  /** Closes the agent. */
  @TearDown(Level.Trial)
  public void tearDown() {
    agent.close();
  }

  /**
   * Submits every task at once and waits for all results.
   *
   * @return the results
   */
  @Benchmark
  public List<AgentResult> tenThousandTasks() {
    return runAll(submitAll());
  }

  /**
   * Submits every task, holds them all inside their first model call, and measures the heap they
   * hold after a collection.
   *
   * @param heap where the figure goes
   * @return the results
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public List<AgentResult> heapInFlight(Heap heap) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    model.gate();
    List<CompletableFuture<AgentResult>> futures = submitAll();
    model.awaitAllArrived();
    System.gc();
    long during = memory.getHeapMemoryUsage().getUsed();
    model.open();
    heap.heapPerTaskKb = (during - before) / 1024.0 / TASKS;
    return runAll(futures);
  }

  private List<CompletableFuture<AgentResult>> submitAll() {
    List<CompletableFuture<AgentResult>> futures = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      futures.add(
          agent.submit(
              Task.builder()
                  .id("t" + ids.incrementAndGet())
                  .input("When does order A-1001 arrive?")
                  .principal(PRINCIPAL)
                  .build()));
    }
    return futures;
  }

  private static List<AgentResult> runAll(List<CompletableFuture<AgentResult>> futures) {
    List<AgentResult> results = new ArrayList<>(futures.size());
    for (CompletableFuture<AgentResult> future : futures) {
      AgentResult result = future.join();
      if (!result.completed()) {
        throw new IllegalStateException("a task did not complete: " + result.reason());
      }
      results.add(result);
    }
    return results;
  }
}
