package io.agentkeel.benchmarks;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.ModelCallInfo;
import io.agentkeel.api.ModelCallInterceptor;
import io.agentkeel.api.ModelCallResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolCallInfo;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.ToolCallResult;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.tools.spi.SideEffect;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * The two-tool task of {@link CoreVsAiServicesBenchmark}, with an instant model, through an agent
 * without observability ({@code off}) and one with metrics, tracing (SDK, batch processor) and the
 * decision log all on ({@code on}), in the same run. observability_overhead_us = on - off. Every
 * task has its own id, as in production (the per-task indexes of feedback and trace links stay full
 * and evict).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "-Xmx2g"})
public class ObservabilityOverheadBenchmark {

  private static final Principal PRINCIPAL = Principal.of("bench", "orders:read");

  private final AtomicLong ids = new AtomicLong();
  private Agent off;
  private Agent on;
  private ObservedAgents observed;
  private List<AgentEvent> trace;
  private Workflow workflow;
  private AgentEventListener listener;
  private ModelCallInterceptor modelCalls;
  private ToolCallInterceptor toolCalls;
  private static final ModelCallInfo MODEL_CALL =
      new ModelCallInfo("instant", "ScriptlessModel", Optional.empty(), 1, 1, 2);
  private static final ModelCallResult MODEL_RESULT =
      new ModelCallResult(Optional.of("instant"), Optional.of(new TokenUsage(40, 20)), 1);
  private static final ToolCallResult TOOL_RESULT = new ToolCallResult("{\"status\":\"shipped\"}");

  /** Builds both agents over the same instant model. */
  @Setup(Level.Trial)
  public void setUp() {
    TwoToolTask.ScriptlessModel model = new TwoToolTask.ScriptlessModel(Duration.ZERO);
    observed = new ObservedAgents();
    off =
        AgentKeel.builder()
            .model("instant", model)
            .tools(new TwoToolTask.AgentKeelTools())
            .noPluginDiscovery()
            .build();
    on =
        AgentKeel.builder()
            .model("instant", model)
            .tools(new TwoToolTask.AgentKeelTools())
            .extension(observed.extension())
            .noPluginDiscovery()
            .build();
    for (Agent agent : new Agent[] {off, on}) {
      AgentResult check = agent.execute(task());
      if (!check.completed()) {
        throw new IllegalStateException("the task did not complete: " + check.reason());
      }
    }
    AgentResult sample = off.execute(task());
    trace = sample.trace();
    workflow = Workflow.defaults();
    listener = observed.observability.listener();
    modelCalls = observed.observability.modelCalls();
    toolCalls = observed.observability.toolCalls();
    listener.flush();
    if (observed.logBytes.get() == 0) {
      throw new IllegalStateException("the decision log wrote nothing: check the Logback setup");
    }
  }

  /** Closes both agents and the SDK. */
  @TearDown(Level.Trial)
  public void tearDown() {
    off.close();
    on.close();
    observed.close();
  }

  private Task task() {
    return Task.builder()
        .id("bench-" + ids.incrementAndGet())
        .input("When does order A-1001 arrive?")
        .principal(PRINCIPAL)
        .build();
  }

  /**
   * The task without observability.
   *
   * @return the result
   */
  @Benchmark
  public AgentResult off() {
    return off.execute(task());
  }

  /**
   * The task with metrics, tracing and the decision log on.
   *
   * @return the result
   */
  @Benchmark
  public AgentResult on() {
    return on.execute(task());
  }

  /**
   * What observability adds to one two-tool task, without the agent around it: the events of a real
   * run of the task through the listener, and three model and two tool calls through the
   * interceptors, each opening and closing its span. Steadier than on - off on a busy machine.
   *
   * @return the run context, so that nothing is optimised away
   * @throws Exception never; the calls only return
   */
  @Benchmark
  public RunContext hooks() throws Exception {
    Task task = task();
    RunContext context = new RunContext(task, workflow, "run-" + task.id(), Clock.systemUTC());
    int model = 0;
    int tool = 0;
    for (AgentEvent event : trace) {
      AgentEvent own = retarget(event, task.id());
      if (own instanceof AgentEvent.ModelCalled && model++ < 3) {
        modelCalls.intercept(MODEL_CALL, context, () -> MODEL_RESULT);
      } else if (own instanceof AgentEvent.ToolCalled called && tool++ < 2) {
        toolCalls.intercept(
            new ToolCallInfo(called.tool(), "call_" + tool, SideEffect.READ_ONLY, "{}"),
            context,
            () -> TOOL_RESULT);
      }
      listener.onEvent(own, context);
    }
    return context;
  }

  /** The sample's event as the given task's, as a real run of it would deliver it. */
  private static AgentEvent retarget(AgentEvent event, String taskId) {
    return switch (event) {
      case AgentEvent.TaskStarted e ->
          new AgentEvent.TaskStarted(taskId, e.at(), e.workflow(), e.principalId());
      case AgentEvent.TaskFinished e ->
          new AgentEvent.TaskFinished(
              taskId, e.at(), e.outcome(), e.latency(), e.tokens(), e.steps());
      case AgentEvent.ContextAssembled e ->
          new AgentEvent.ContextAssembled(
              taskId, e.at(), e.estimatedTokens(), e.tokenBudget(), e.omitted());
      case AgentEvent.ModelCalled e ->
          new AgentEvent.ModelCalled(taskId, e.at(), e.model(), e.step(), e.latency(), e.tokens());
      case AgentEvent.ToolCalled e ->
          new AgentEvent.ToolCalled(taskId, e.at(), e.tool(), e.argumentsJson(), e.latency());
      case AgentEvent.Routed e -> new AgentEvent.Routed(taskId, e.at(), e.confidence(), e.route());
      default ->
          throw new IllegalStateException(
              "the sample task has a " + event.getClass().getSimpleName() + " event: retarget it");
    };
  }
}
