package io.agentkeel.benchmarks;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * The 10,000-task run of {@link ConcurrencyBenchmark} (two 100 ms model calls and one tool call per
 * task, all submitted at once), without observability ({@code off}) and with everything on ({@code
 * on}), in the same run. observability_overhead_pct = (on / off - 1) x 100, with {@code -p
 * without=none}; the other values of {@code without} turn one part off, to see what each costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
public class ObservabilityConcurrencyBenchmark {

  private static final Principal PRINCIPAL = Principal.of("bench", "orders:read");

  /** The part left off in {@code on}: none, tracing, decision-log or metrics. */
  @Param({"none", "tracing", "decision-log", "metrics"})
  public String without;

  private final AtomicLong ids = new AtomicLong();
  private Agent off;
  private Agent on;
  private ObservedAgents observed;

  /** Builds both agents; each may run all tasks at once. */
  @Setup(Level.Trial)
  public void setUp() {
    observed = new ObservedAgents(without);
    off =
        AgentKeel.builder()
            .model("slow", new TwoToolTask.ScriptlessModel(ConcurrencyBenchmark.LATENCY, 1))
            .tools(new TwoToolTask.AgentKeelTools())
            .concurrency(ConcurrencyBenchmark.TASKS)
            .noPluginDiscovery()
            .build();
    on =
        AgentKeel.builder()
            .model("slow", new TwoToolTask.ScriptlessModel(ConcurrencyBenchmark.LATENCY, 1))
            .tools(new TwoToolTask.AgentKeelTools())
            .concurrency(ConcurrencyBenchmark.TASKS)
            .extension(observed.extension())
            .noPluginDiscovery()
            .build();
  }

  /** Closes both agents and the SDK. */
  @TearDown(Level.Trial)
  public void tearDown() {
    off.close();
    on.close();
    observed.close();
  }

  /**
   * 10,000 tasks without observability.
   *
   * @return the results
   */
  @Benchmark
  public List<AgentResult> off() {
    return runAll(off);
  }

  /**
   * 10,000 tasks with metrics, tracing and the decision log on. The shot ends once the decision
   * log, written on its own thread, has written every line of these tasks.
   *
   * @return the results
   */
  @Benchmark
  public List<AgentResult> on() {
    List<AgentResult> results = runAll(on);
    observed.observability.listener().flush();
    return results;
  }

  private List<AgentResult> runAll(Agent agent) {
    List<CompletableFuture<AgentResult>> futures = new ArrayList<>(ConcurrencyBenchmark.TASKS);
    for (int i = 0; i < ConcurrencyBenchmark.TASKS; i++) {
      futures.add(
          agent.submit(
              Task.builder()
                  .id("c" + ids.incrementAndGet())
                  .input("When does order A-1001 arrive?")
                  .principal(PRINCIPAL)
                  .build()));
    }
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
