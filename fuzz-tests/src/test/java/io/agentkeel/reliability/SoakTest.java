package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.request.ChatRequest;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.observability.DecisionLogSettings;
import io.agentkeel.observability.MetricNames;
import io.agentkeel.observability.Observability;
import io.agentkeel.observability.ObservabilityExtension;
import io.agentkeel.security.AuditEntry;
import io.agentkeel.security.AuditFailurePolicy;
import io.agentkeel.security.FileAuditLog;
import io.agentkeel.security.FsyncPolicy;
import io.agentkeel.security.PiiDetector;
import io.agentkeel.security.PiiRedactor;
import io.agentkeel.security.RedactionStyle;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.testkit.ScriptedFailure;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak: many concurrent tasks through {@code submit}, mixing model and tool faults, written to
 * a real tamper-evident audit log and counted by the observability metrics. At the end every task
 * has exactly one outcome; every outcome its audit entries ending in TaskFinished, in memory and in
 * the file log, which lost nothing and whose chain verifies; the metrics count the same outcomes;
 * and the heap is back near where it started. Length: {@code -Dsoak.tasks=N} (default 10,000, the
 * figure {@code soak_tasks} of benchmarks/results.csv).
 */
@Tag("fault")
class SoakTest {

  private static final Logger LOG = LoggerFactory.getLogger(SoakTest.class);

  @TempDir Path dir;

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

  /** What one soak run counted. */
  record Figures(Map<Fault, Integer> faults, Map<String, Integer> outcomes, long auditEntries) {}

  @Test
  void manyConcurrentTasksWithFaultsEachEndInOneAuditedOutcome() throws Exception {
    int tasks = Integer.getInteger("soak.tasks", 10_000);
    // The first run loads what stays for the JVM's life (libphonenumber's metadata, the classes
    // and caches of core, Micrometer and Jackson): the baseline is the heap after a warm-up run.
    soak(Math.min(tasks, 1_100));
    long heapBefore = usedHeapAfterGc();
    Figures figures = soak(tasks);
    long heapAfter = usedHeapAfterGc();
    LOG.info(
        "soak: {} tasks, faults {}, outcomes {}, audit entries {}, heap before {} MB, after {} MB",
        tasks,
        figures.faults(),
        figures.outcomes(),
        figures.auditEntries(),
        heapBefore >> 20,
        heapAfter >> 20);
    assertThat(heapAfter).isLessThan(heapBefore + (64L << 20));
  }

  /** One soak run of {@code tasks} tasks with every end check; gives what it counted. */
  private Figures soak(int tasks) throws Exception {
    RecordingAudit audit = new RecordingAudit();
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    Path auditFile = Files.createTempFile(auditDirectory(), "rel-soak-audit", ".log");
    auditFile.toFile().deleteOnExit();
    // A run's time budget is generous: the soak checks bookkeeping, not speed. With 20 s, on a
    // two-core machine at load 23, runs starved of CPU overran it while delivering to the audit
    // sinks, and core ended them Failed(AUDIT_UNAVAILABLE) with no audited end, as it must when
    // it cannot take the run's recorder within its grace. Slow tools still meet the 200 ms
    // timeout.
    LoopBudget budget =
        new LoopBudget(4, Duration.ofMinutes(5), 2, 1, Duration.ofMillis(200), 8, 4_000, 16_000);
    Map<Fault, Integer> byFault = new EnumMap<>(Fault.class);
    Map<String, Integer> byOutcome = new TreeMap<>();
    long auditEntries;
    try (FileAuditLog auditLog =
            new FileAuditLog(
                auditFile,
                FsyncPolicy.INTENTS,
                new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
                AuditFailurePolicy.refuseAll());
        Agent agent =
            AgentKeel.builder()
                .model("primary", ScriptedChatModel.responding("primary", SoakTest::primary))
                .model("fallback", ScriptedChatModel.responding("fallback", r -> answer()))
                .tools(new SoakTools())
                .reviewQueue(new InMemoryReviewQueue())
                .noPluginDiscovery()
                .add(AuditSink.class, audit)
                .add(AuditSink.class, auditLog)
                .extension(
                    new ObservabilityExtension(
                        Observability.builder()
                            .meterRegistry(metrics)
                            .decisionLog(
                                new DecisionLogSettings(
                                    false, DecisionLogSettings.PrincipalField.ID, false, false))
                            .build()))
                .workflow(Workflow.builder(Workflow.DEFAULT_NAME).budget(budget).build())
                .build()) {
      // each result is checked and let go as it completes, so that 10,000 traces are not held
      List<CompletableFuture<String>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        Fault fault = Fault.values()[i % Fault.values().length];
        byFault.merge(fault, 1, Integer::sum);
        futures.add(
            agent
                .submit(Runs.task("[fault " + fault.name() + "] task " + i))
                .thenApply(result -> checked(result, audit)));
      }
      for (CompletableFuture<String> future : futures) {
        byOutcome.merge(future.get(5, TimeUnit.MINUTES), 1, Integer::sum);
      }
      futures.clear();
      assertThat(audit.tasks()).as("events of unchecked tasks").isZero();
      assertThat(audit.finished()).as("TaskFinished events").isEqualTo(tasks);
      assertThat(byOutcome.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(tasks);
      assertThat(byOutcome).containsKey("in_review");

      auditLog.flush();
      List<AuditEntry> entries = auditLog.entries();
      auditEntries = entries.size();
      assertThat(auditLog.lost()).as("audit events let go").isZero();
      assertThat(auditEntries).as("every event is in the file log").isEqualTo(audit.appended());
      assertThat(
              entries.stream()
                  .filter(e -> e.type().equals("TaskFinished"))
                  .map(AuditEntry::taskId)
                  .distinct()
                  .count())
          .as("every outcome has its TaskFinished entry in the file log")
          .isEqualTo(tasks);
      assertThat(auditLog.verify().intact()).as("the audit chain verifies").isTrue();
    }
    Map<String, Integer> counted = new TreeMap<>();
    metrics
        .find(MetricNames.TASKS)
        .counters()
        .forEach(c -> counted.merge(c.getId().getTag("outcome"), (int) c.count(), Integer::sum));
    counted.values().removeIf(n -> n == 0);
    assertThat(counted).as("the metrics count the same outcomes").isEqualTo(byOutcome);
    Files.deleteIfExists(auditFile);
    Files.deleteIfExists(auditFile.resolveSibling(auditFile.getFileName() + ".head"));
    return new Figures(byFault, byOutcome, auditEntries);
  }

  /**
   * Where the soak's audit log lives: {@code /dev/shm} when the machine has it, so that the soak
   * checks the framework's bookkeeping rather than the disk's rate of forced writes (every tool
   * intent and task end is forced under the log's lock).
   */
  private Path auditDirectory() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : dir;
  }

  /** Checks one result, forgets its events, and gives its outcome's metric tag. */
  private static String checked(AgentResult result, RecordingAudit audit) {
    try {
      Runs.assertOneAuditedOutcome(result, audit);
    } catch (AssertionError e) {
      throw new AssertionError("task ended " + result.outcome() + ": " + e.getMessage(), e);
    }
    audit.forget(result.taskId());
    return outcomeTag(result.outcome());
  }

  private static String outcomeTag(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Completed c -> "completed";
      case Outcome.InReview r -> "in_review";
      case Outcome.Escalated e -> "escalated";
      case Outcome.Refused r -> "refused";
      case Outcome.RateLimited r -> "rate_limited";
      case Outcome.Failed f -> "failed";
    };
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
