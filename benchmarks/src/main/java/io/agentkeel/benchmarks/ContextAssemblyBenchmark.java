package io.agentkeel.benchmarks;

import io.agentkeel.api.AssembledContext;
import io.agentkeel.api.ContextRequest;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.TokenEstimator;
import io.agentkeel.api.Workflow;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.core.InMemoryWorkingMemory;
import io.agentkeel.memory.BudgetedContextAssembler;
import io.agentkeel.memory.CaffeineSessionMemory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code context_assembly_us}: {@link BudgetedContextAssembler} filling a 1,000-token budget with
 * three task facts, five working-state values, five recalled memories (from a fixed long-term tier,
 * so retrieval is excluded; it is measured by {@code ltm_retrieve_p50_ms_100k}) and the newest of
 * 40 session turns, counted with the four-characters heuristic. The budget is tight enough that
 * older turns are left out and reported.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContextAssemblyBenchmark {

  private BudgetedContextAssembler assembler;
  private RunContext run;
  private ContextRequest request;

  /** Fills the tiers. */
  @Setup
  public void setUp() {
    Task task =
        new Task(
            "task-1",
            "Where is my order and can I change the delivery address?",
            new Principal("alice", "acme", Set.of()),
            Workflow.DEFAULT_NAME,
            Optional.of("session-1"),
            Map.of("order_id", "1042", "customer_tier", "gold", "channel", "chat"));
    run = new RunContext(task, Workflow.defaults(), "run-1", Clock.systemUTC());
    MemoryOwner owner = MemoryOwner.of(task.principal());
    CaffeineSessionMemory session = CaffeineSessionMemory.builder().maxTurns(50).build();
    for (int i = 0; i < 40; i++) {
      session.append(
          owner,
          "session-1",
          new ChatTurn(
              i % 2 == 0 ? ChatTurn.Role.USER : ChatTurn.Role.ASSISTANT,
              "Turn "
                  + i
                  + ": a sentence or two of conversation about the order, its delivery and"
                  + " the address the customer wants it sent to instead of the old one.",
              Instant.EPOCH.plusSeconds(i)));
    }
    InMemoryWorkingMemory working = new InMemoryWorkingMemory();
    for (int i = 0; i < 5; i++) {
      working.put(owner, "task-1", "step_" + i, "result of step " + i + ": looked up the order", 0);
    }
    List<RecalledMemory> memories = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      memories.add(
          new RecalledMemory(
              MemoryRecord.of(
                  "m" + i,
                  owner,
                  "Alice prefers deliveries to her office on weekdays (" + i + ").",
                  Instant.EPOCH),
              0.9,
              1,
              0.5));
    }
    LongTermMemory longTerm =
        new LongTermMemory() {
          @Override
          public void remember(MemoryRecord record) {}

          @Override
          public boolean forget(String id) {
            return false;
          }

          @Override
          public int forget(MemoryOwner who) {
            return 0;
          }

          @Override
          public List<RecalledMemory> recall(MemoryQuery query) {
            return memories;
          }
        };
    assembler = new BudgetedContextAssembler(session, working, longTerm);
    request =
        new ContextRequest(
            "You are a support agent. Answer briefly and politely.",
            task.input(),
            1000,
            TokenEstimator.heuristic(),
            40,
            5);
  }

  /**
   * Assembles one context.
   *
   * @return the context
   */
  @Benchmark
  public AssembledContext assemble() {
    return assembler.assemble(request, run);
  }
}
