package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.request.ChatRequest;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.testkit.ScriptedFailure;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short soak: many concurrent tasks through {@code submit}, mixing model and tool faults. At the
 * end every task has exactly one outcome, every outcome its audit entries ending in TaskFinished,
 * and the heap is back near where it started. Length: {@code -Dsoak.tasks=N} (default 1,000).
 */
@Tag("fault")
class SoakTest {

  private static final Logger LOG = LoggerFactory.getLogger(SoakTest.class);

  /** The faults mixed into the soak, one per task in turn. */
  enum Fault {
    NONE,
    MODEL_TIMEOUT,
    MODEL_SERVER_ERROR,
    MODEL_MALFORMED,
    MODEL_RATE_LIMITED,
    MODEL_EMPTY_CHOICES,
    TOOL_CRASH,
    TOOL_SLOW,
    UNKNOWN_TOOL,
    GARBAGE_ARGUMENTS,
    DESTRUCTIVE_CALL
  }

  /** Tools that misbehave according to the fault named in their argument. */
  public static final class SoakTools {
    /** The fault a call carries. */
    public record Probe(@Param("the fault to play") String fault) {}

    @AgentTool(
        name = "probe",
        description = "Looks something up.",
        whenToUse = "Always.",
        scopes = "orders:read",
        sideEffect = SideEffect.READ_ONLY)
    public String probe(Probe probe) throws ToolException {
      switch (Fault.valueOf(probe.fault())) {
        case TOOL_CRASH -> throw new IllegalStateException("boom");
        case TOOL_SLOW -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.permanent("interrupted");
          }
        }
        default -> {}
      }
      return "ok " + probe.fault();
    }

    @AgentTool(
        name = "wipe",
        description = "Deletes something.",
        whenToUse = "Never without a person.",
        scopes = "orders:write",
        sideEffect = SideEffect.DESTRUCTIVE)
    public String wipe(Probe probe) {
      throw new AssertionError("a destructive tool ran without confirmation");
    }
  }

  private static Fault faultOf(ChatRequest request) {
    String text = request.messages().get(1).toString();
    for (Fault fault : Fault.values()) {
      if (text.contains("[fault " + fault.name() + "]")) {
        return fault;
      }
    }
    throw new IllegalStateException("no fault in " + text);
  }

  private static ModelStep primary(ChatRequest request) {
    Fault fault = faultOf(request);
    boolean first = request.messages().size() <= 2;
    return switch (fault) {
      case MODEL_TIMEOUT -> ModelStep.failure(ScriptedFailure.TIMEOUT);
      case MODEL_SERVER_ERROR -> ModelStep.failure(ScriptedFailure.SERVER_ERROR);
      case MODEL_MALFORMED -> ModelStep.failure(ScriptedFailure.MALFORMED);
      case MODEL_RATE_LIMITED -> ModelStep.failure(ScriptedFailure.RATE_LIMITED);
      case MODEL_EMPTY_CHOICES -> ModelStep.failure(ScriptedFailure.EMPTY_CHOICES);
      case UNKNOWN_TOOL -> first ? ModelStep.toolCall("nope", "{}") : answer();
      case GARBAGE_ARGUMENTS -> first ? ModelStep.toolCall("probe", "{{{") : answer();
      case DESTRUCTIVE_CALL ->
          first ? ModelStep.toolCall("wipe", "{\"fault\":\"DESTRUCTIVE_CALL\"}") : answer();
      default ->
          first ? ModelStep.toolCall("probe", "{\"fault\":\"" + fault.name() + "\"}") : answer();
    };
  }

  private static ModelStep answer() {
    return ModelStep.answer("done", 0.95, "ok");
  }

  @Test
  void manyConcurrentTasksWithFaultsEachEndInOneAuditedOutcome() throws Exception {
    int tasks = Integer.getInteger("soak.tasks", 1_000);
    RecordingAudit audit = new RecordingAudit();
    LoopBudget budget =
        new LoopBudget(4, Duration.ofSeconds(20), 2, 1, Duration.ofMillis(200), 8, 4_000, 16_000);
    long heapBefore = usedHeapAfterGc();
    Map<Fault, Integer> byFault = new EnumMap<>(Fault.class);
    Map<String, Integer> byOutcome = new TreeMap<>();
    try (Agent agent =
        AgentKeel.builder()
            .model("primary", ScriptedChatModel.responding("primary", SoakTest::primary))
            .model("fallback", ScriptedChatModel.responding("fallback", r -> answer()))
            .tools(new SoakTools())
            .reviewQueue(new InMemoryReviewQueue())
            .noPluginDiscovery()
            .add(AuditSink.class, audit)
            .workflow(Workflow.builder(Workflow.DEFAULT_NAME).budget(budget).build())
            .build()) {
      List<CompletableFuture<AgentResult>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        Fault fault = Fault.values()[i % Fault.values().length];
        byFault.merge(fault, 1, Integer::sum);
        futures.add(agent.submit(Runs.task("[fault " + fault.name() + "] task " + i)));
      }
      for (CompletableFuture<AgentResult> future : futures) {
        AgentResult result = future.get(2, TimeUnit.MINUTES);
        Runs.assertOneAuditedOutcome(result, audit);
        byOutcome.merge(result.outcome().getClass().getSimpleName(), 1, Integer::sum);
      }
      assertThat(audit.tasks()).isEqualTo(tasks);
      long finished =
          audit.all().stream().filter(AgentEvent.TaskFinished.class::isInstance).count();
      assertThat(finished).isEqualTo(tasks);
      assertThat(byOutcome.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(tasks);
      assertThat(byOutcome).containsKey("InReview");
      futures.clear();
    }
    audit.all().stream().map(AgentEvent::taskId).distinct().toList().forEach(audit::forget);
    long heapAfter = usedHeapAfterGc();
    LOG.info(
        "soak: {} tasks, faults {}, outcomes {}, heap before {} MB, after {} MB",
        tasks,
        byFault,
        byOutcome,
        heapBefore >> 20,
        heapAfter >> 20);
    assertThat(heapAfter).isLessThan(heapBefore + (64L << 20));
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
