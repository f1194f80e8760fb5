package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.ConfidenceScorer;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.ModelBoundary;
import io.agentkeel.api.ModelCallInterceptor;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.OutputValidator;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.Workflow;
import io.agentkeel.api.WriteBack;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.core.AgentSettings;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: runs tasks through the loop, queues submitted ones, resumes reviewed ones. Created by
 * Guice from {@code AgentCoreModule}; thread-safe.
 */
public final class DefaultAgent implements Agent {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultAgent.class);

  final AgentSettings settings;
  final ToolCatalog catalog;
  final List<InputGuard> inputGuards;
  final List<OutputFilter> outputFilters;
  final List<OutputValidator> validators;
  final List<AgentEventListener> listeners;
  final List<AuditSink> auditSinks;
  final RateLimiter rateLimiter;
  final ConfidenceScorer scorer;
  final Optional<ReviewQueue> reviewQueue;
  final SessionMemory sessionMemory;
  final WorkingMemory workingMemory;
  final Optional<LongTermMemory> longTermMemory;
  final Clock clock;
  final ModelChain models;
  final List<ModelCallInterceptor> modelInterceptors;
  final List<ToolCallInterceptor> toolInterceptors;
  final List<ModelBoundary> boundaries;
  final List<WriteBack> writeBacks;
  final Optional<ContextAssembler> contextAssembler;
  final ToolInvoker invoker;

  private final ReviewQueue inProcessReviews = new InMemoryReviewQueue();
  private final ConcurrentHashMap<OfferKey, Offer> offers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SystemMessage> systemMessages = new ConcurrentHashMap<>();

  /** The tools a principal may use in a workflow, and their specifications for the model. */
  record Offer(Map<String, RegisteredTool> tools, List<ToolSpecification> specifications) {}

  private record OfferKey(String workflow, Set<String> grants) {}

  /** Beyond this many distinct (workflow, grants) pairs, offers are computed per task. */
  private static final int MAX_CACHED_OFFERS = 1024;

  final CallWatchdog watchdog = new CallWatchdog();
  private final Object lifecycle = new Object();
  private IntakeExecutor intake;
  private volatile boolean closed;

  /**
   * Creates the agent from its parts; called by Guice.
   *
   * @param settings models, workflows, concurrency
   * @param catalog the tools
   * @param inputGuards input guards, in order
   * @param outputFilters output filters, in order
   * @param validators validators that apply to every workflow
   * @param listeners event listeners
   * @param auditSinks audit sinks
   * @param rateLimiter the rate limiter
   * @param scorer the confidence scorer
   * @param reviewQueue the review queue, if a person is available to review
   * @param sessionMemory session memory
   * @param workingMemory working memory
   * @param longTermMemory long-term memory, if installed
   * @param modelInterceptors interceptors around model calls, outermost first
   * @param toolInterceptors interceptors around tool calls, outermost first
   * @param boundaries model boundaries, in order on the way out
   * @param writeBacks write-back hooks
   * @param contextAssembler the context assembler, if one replaces core's default
   */
  @Inject
  public DefaultAgent(
      AgentSettings settings,
      ToolCatalog catalog,
      Set<InputGuard> inputGuards,
      Set<OutputFilter> outputFilters,
      Set<OutputValidator> validators,
      Set<AgentEventListener> listeners,
      Set<AuditSink> auditSinks,
      RateLimiter rateLimiter,
      ConfidenceScorer scorer,
      Optional<ReviewQueue> reviewQueue,
      SessionMemory sessionMemory,
      WorkingMemory workingMemory,
      Optional<LongTermMemory> longTermMemory,
      Set<ModelCallInterceptor> modelInterceptors,
      Set<ToolCallInterceptor> toolInterceptors,
      Set<ModelBoundary> boundaries,
      Set<WriteBack> writeBacks,
      Optional<ContextAssembler> contextAssembler) {
    this.settings = settings;
    this.catalog = catalog;
    this.inputGuards = List.copyOf(inputGuards);
    this.outputFilters = List.copyOf(outputFilters);
    this.validators = List.copyOf(validators);
    this.listeners = List.copyOf(listeners);
    this.auditSinks = List.copyOf(auditSinks);
    this.rateLimiter = rateLimiter;
    this.scorer = scorer;
    this.reviewQueue = reviewQueue;
    this.sessionMemory = sessionMemory;
    this.workingMemory = workingMemory;
    this.longTermMemory = longTermMemory;
    this.modelInterceptors = List.copyOf(modelInterceptors);
    this.toolInterceptors = List.copyOf(toolInterceptors);
    this.boundaries = List.copyOf(boundaries);
    this.writeBacks = List.copyOf(writeBacks);
    this.contextAssembler = contextAssembler;
    this.clock = settings.clock();
    this.models = new ModelChain(settings.models(), clock);
    this.invoker = new ToolInvoker();
  }

  @Override
  public AgentResult execute(Task task) {
    Objects.requireNonNull(task, "task");
    requireOpen();
    return run(task);
  }

  @Override
  public CompletableFuture<AgentResult> submit(Task task) {
    Objects.requireNonNull(task, "task");
    requireOpen();
    return intake().submit(task);
  }

  @Override
  public AgentResult resume(ReviewDecision decision) {
    Objects.requireNonNull(decision, "decision");
    requireOpen();
    Optional<ReviewRequest> claimed;
    try {
      claimed = reviews().claim(decision.requestId());
    } catch (RuntimeException e) {
      LOG.error("review queue failed to claim a request: {}", e.getClass().getName());
      return unknownReview(
          decision, "the review queue failed (" + e.getClass().getSimpleName() + ")");
    }
    if (claimed.isEmpty()) {
      return unknownReview(
          decision,
          "no review request '"
              + decision.requestId()
              + "' is waiting: unknown or already decided");
    }
    ReviewRequest request = claimed.get();
    try (TaskRun run = new TaskRun(this, request.task())) {
      return decide(run, request, decision);
    }
  }

  private AgentResult decide(TaskRun run, ReviewRequest request, ReviewDecision decision) {
    String verdict =
        switch (decision) {
          case ReviewDecision.Approve approve -> "approve";
          case ReviewDecision.Edit edit -> "edit";
          case ReviewDecision.Reject reject -> "reject";
        };
    run.events()
        .emit(
            new AgentEvent.ReviewDecided(
                request.task().id(), clock.instant(), request.id(), decision.reviewer(), verdict));
    return switch (request.kind()) {
      case DESTRUCTIVE_CALL ->
          switch (decision) {
            case ReviewDecision.Approve approve -> run.resumeApproved(request, Optional.empty());
            case ReviewDecision.Edit edit ->
                run.resumeApproved(request, Optional.of(edit.revision()));
            case ReviewDecision.Reject reject -> {
              String tool = request.pendingCall().map(c -> c.tool()).orElse("the tool");
              run.events()
                  .emit(
                      new AgentEvent.ToolFailed(
                          request.task().id(),
                          clock.instant(),
                          tool,
                          request.pendingCall().map(c -> c.argumentsJson()).orElse("{}"),
                          ToolFailureKind.DENIED,
                          "denied by reviewer " + reject.reviewer(),
                          Duration.ZERO));
              String reason =
                  "reviewer "
                      + reject.reviewer()
                      + " denied the call to "
                      + tool
                      + ": "
                      + reject.reason();
              yield run.finishReviewed(
                  new Outcome.Failed(FailureCategory.REVIEW_REJECTED, reason),
                  Optional.empty(),
                  reason);
            }
          };
      case ANSWER, ESCALATION ->
          switch (decision) {
            case ReviewDecision.Approve approve ->
                run.finishReviewed(
                    new Outcome.Completed(),
                    request.proposedAnswer(),
                    "approved by reviewer " + approve.reviewer());
            case ReviewDecision.Edit edit ->
                run.finishReviewed(
                    new Outcome.Completed(),
                    Optional.of(edit.revision()),
                    "answer edited by reviewer " + edit.reviewer());
            case ReviewDecision.Reject reject -> {
              String reason =
                  "reviewer " + reject.reviewer() + " rejected the answer: " + reject.reason();
              yield run.finishReviewed(
                  new Outcome.Failed(FailureCategory.REVIEW_REJECTED, reason),
                  Optional.empty(),
                  reason);
            }
          };
    };
  }

  @Override
  public void close() {
    IntakeExecutor running;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      running = intake;
    }
    Duration grace =
        settings.workflows().values().stream()
            .map(w -> w.budget().maxDuration())
            .max(Duration::compareTo)
            .orElse(Duration.ofMinutes(1))
            .plusSeconds(1);
    if (running != null) {
      running.close(grace);
    }
    watchdog.close();
  }

  /**
   * The tools offered to a principal in a workflow: allowed by the workflow, every scope granted.
   * Computed once per workflow and set of grants, since the catalog never changes.
   */
  Offer offer(Workflow workflow, Principal principal) {
    OfferKey key = new OfferKey(workflow.name(), principal.grantedScopes());
    Offer offer = offers.get(key);
    if (offer == null) {
      offer = computeOffer(workflow, principal);
      if (offers.size() < MAX_CACHED_OFFERS) {
        offers.putIfAbsent(key, offer);
      }
    }
    return offer;
  }

  private Offer computeOffer(Workflow workflow, Principal principal) {
    Map<String, RegisteredTool> tools = new LinkedHashMap<>();
    List<ToolSpecification> specifications = new ArrayList<>();
    for (RegisteredTool tool : catalog.tools()) {
      if (ToolPermissions.offerable(principal, workflow, tool.descriptor())) {
        tools.put(tool.name(), tool);
        specifications.add(tool.specification());
      }
    }
    return new Offer(java.util.Collections.unmodifiableMap(tools), List.copyOf(specifications));
  }

  /**
   * The workflow's instructions and the final-answer format: the whole system message of a task
   * that brings no facts or memories of its own, and the start of every other one.
   */
  SystemMessage systemMessage(Workflow workflow) {
    SystemMessage cached = systemMessages.get(workflow.name());
    if (cached != null) {
      return cached;
    }
    return systemMessages.computeIfAbsent(
        workflow.name(),
        name -> SystemMessage.from(workflow.instructions() + "\n\n" + FinalAnswer.FORMAT));
  }

  ReviewQueue reviews() {
    return reviewQueue.orElse(inProcessReviews);
  }

  AgentResult run(Task task) {
    try (TaskRun run = new TaskRun(this, task)) {
      return run.start();
    } catch (RuntimeException defect) {
      LOG.error("AgentKeel defect before task {} could start", task.id(), defect);
      String reason = "AgentKeel failed internally (" + defect.getClass().getSimpleName() + ")";
      return new AgentResult(
          task.id(),
          new Outcome.Failed(FailureCategory.INTERNAL, reason),
          Optional.empty(),
          Optional.empty(),
          reason,
          List.of());
    }
  }

  private IntakeExecutor intake() {
    synchronized (lifecycle) {
      requireOpen();
      if (intake == null) {
        intake =
            new IntakeExecutor(
                settings.concurrency(), settings.taskScorer(), this::run, DefaultAgent::cancelled);
        intake.start();
      }
      return intake;
    }
  }

  private static AgentResult cancelled(Task task) {
    String reason = "the agent was closed before the task ran";
    return new AgentResult(
        task.id(),
        new Outcome.Failed(FailureCategory.CANCELLED, reason),
        Optional.empty(),
        Optional.empty(),
        reason,
        List.of());
  }

  private static AgentResult unknownReview(ReviewDecision decision, String reason) {
    return new AgentResult(
        "review:" + decision.requestId(),
        new Outcome.Failed(FailureCategory.UNKNOWN_REVIEW, reason),
        Optional.empty(),
        Optional.empty(),
        reason,
        List.of());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the agent is closed; build a new one");
    }
  }
}
