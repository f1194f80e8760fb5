package io.agentkeel.benchmarks;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.durable.JdbcTaskJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * durable_overhead_ratio: the 10,000-task concurrency benchmark (two model calls of 100 ms and one
 * tool call per task, all submitted at once) with the embedded task journal off and on, in one run;
 * the ratio of the two medians is the figure (target at most 1.5). With the journal on, each task
 * writes its start, both replies, each call's intent and result, and its end (forced); the group
 * commit stores them together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 8)
@Fork(
    value = 1,
    jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
public class DurableConcurrencyBenchmark {

  static final int TASKS = 10_000;

  private static final Principal PRINCIPAL = Principal.of("bench", "orders:read");

  /** Whether the embedded journal is on. */
  @Param({"off", "embedded"})
  public String journal;

  private Agent agent;
  private JdbcTaskJournal store;
  private int shot;

  /**
   * Builds the agent, with the embedded journal when it is on.
   *
   * @throws IOException if the data directory cannot be made
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    AgentKeel.Builder builder =
        AgentKeel.builder()
            .model("slow", new TwoToolTask.ScriptlessModel(Duration.ofMillis(100)))
            .tools(new TwoToolTask.AgentKeelTools())
            .concurrency(TASKS)
            .noPluginDiscovery();
    if (journal.equals("embedded")) {
      Path data = Files.createTempDirectory("durable-bench");
      store = JdbcTaskJournal.embedded(data);
      builder.taskJournal(store);
    }
    agent = builder.build();
  }

  /** Closes the agent and the journal. */
  @TearDown(Level.Trial)
  public void tearDown() {
    agent.close();
    if (store != null) {
      store.close();
    }
  }

  /**
   * Submits every task at once and waits for all results.
   *
   * @return the results
   */
  @Benchmark
  public List<AgentResult> tenThousandTasks() {
    int current = shot++;
    List<CompletableFuture<AgentResult>> futures = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      futures.add(
          agent.submit(
              Task.builder()
                  .id("s" + current + "-t" + i)
                  .input("When does order A-1001 arrive?")
                  .principal(PRINCIPAL)
                  .build()));
    }
    List<AgentResult> results = new ArrayList<>(TASKS);
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
