package io.agentkeel.benchmarks;

import dev.langchain4j.service.AiServices;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * One two-tool task, with an instant in-process model, through AgentKeel's loop and through
 * LangChain4j's AiServices, in the same run. core_vs_aiservices_ratio is agentKeel / aiServices.
 *
 * <p>AgentKeel does more per task (schema validation of every call, scope checks, events, final
 * answer parsing, confidence routing, a virtual thread per model and tool call for timeouts); the
 * ratio shows what that discipline costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "-Xmx2g"})
public class CoreVsAiServicesBenchmark {

  private static final Principal PRINCIPAL = Principal.of("bench", "orders:read");

  private Agent agent;
  private TwoToolTask.Assistant assistant;
  private Task task;

  /** Builds both agents over the same model. */
  @Setup(Level.Trial)
  public void setUp() {
    TwoToolTask.ScriptlessModel model = new TwoToolTask.ScriptlessModel(Duration.ZERO);
    agent =
        AgentKeel.builder()
            .model("instant", model)
            .tools(new TwoToolTask.AgentKeelTools())
            .noPluginDiscovery()
            .build();
    assistant =
        AiServices.builder(TwoToolTask.Assistant.class)
            .chatModel(model)
            .tools(new TwoToolTask.LangChain4jTools())
            .build();
    task =
        Task.builder()
            .id("bench")
            .input("When does order A-1001 arrive?")
            .principal(PRINCIPAL)
            .build();
    AgentResult check = agent.execute(task);
    if (!check.completed() || check.trace().isEmpty()) {
      throw new IllegalStateException("AgentKeel did not complete the task: " + check.reason());
    }
    String reply = assistant.chat("When does order A-1001 arrive?");
    if (!reply.contains("arrives in 2 days")) {
      throw new IllegalStateException("AiServices did not complete the task: " + reply);
    }
  }

  /** Closes the agent. */
  @TearDown(Level.Trial)
  public void tearDown() {
    agent.close();
  }

  /**
   * The task through AgentKeel.
   *
   * @return the result, so that it is not optimised away
   */
  @Benchmark
  public AgentResult agentKeel() {
    return agent.execute(task);
  }

  /**
   * The task through AiServices.
   *
   * @return the reply, so that it is not optimised away
   */
  @Benchmark
  public String aiServices() {
    return assistant.chat("When does order A-1001 arrive?");
  }
}
