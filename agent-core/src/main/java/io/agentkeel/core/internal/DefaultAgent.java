package io.agentkeel.core.internal;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.ConfidenceScorer;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.ModelBoundary;
import io.agentkeel.api.ModelCallInterceptor;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.OutputValidator;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.Workflow;
import io.agentkeel.api.WriteBack;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.core.AgentSettings;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.core.tool.ToolCatalog;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

  private final AgentSettings settings;
  private final ToolCatalog catalog;
  private final List<InputGuard> inputGuards;
  private final List<OutputFilter> outputFilters;
  private final List<OutputValidator> validators;
  private final List<AgentEventListener> listeners;
  private final List<AuditSink> auditSinks;
  private final RateLimiter rateLimiter;
  private final ConfidenceScorer scorer;
  private final Optional<ReviewQueue> reviewQueue;
  private final SessionMemory sessionMemory;
  private final WorkingMemory workingMemory;
  private final Optional<LongTermMemory> longTermMemory;
  private final Clock clock;
  private final ModelChain models;
  private final List<ModelCallInterceptor> modelInterceptors;
  private final List<ToolCallInterceptor> toolInterceptors;
  private final List<ModelBoundary> boundaries;
  private final List<WriteBack> writeBacks;
  private final Optional<ContextAssembler> contextAssembler;
  private final ToolInvoker invoker;

  private final ReviewQueue inProcessReviews = new InMemoryReviewQueue();
  private final CallWatchdog watchdog = new CallWatchdog();
  private final RunSupervisor supervisor = new RunSupervisor();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * Run ids: this agent's random prefix and a counter (a UUID per run costs a SecureRandom draw).
   */
  private final String runIds = UUID.randomUUID() + "-";

  private final java.util.concurrent.atomic.AtomicLong runCount =
      new java.util.concurrent.atomic.AtomicLong();
  private final RunServices services;
  private final Object lifecycle = new Object();
  private IntakeExecutor intake;
  private volatile boolean closed;
  private final Admissions admissions = new Admissions();

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
   * @param journal the task journal; {@link TaskJournal#none()} unless one is bound
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
      Optional<ContextAssembler> contextAssembler,
      TaskJournal journal) {
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
    this.clock = ContainedClock.of(settings.clock());
    this.models = new ModelChain(settings.models(), clock);
    ToolPermissions.requireScopesOnWrites(catalog);
    Interceptors interceptors = new Interceptors(this.modelInterceptors, this.toolInterceptors);
    this.invoker = new ToolInvoker(interceptors, clock);
    List<WriteBack> hooks =
        this.writeBacks.isEmpty() ? List.of(new SessionWriteBack(sessionMemory)) : this.writeBacks;
    this.services =
        new RunServices(
            settings,
            clock,
            new ToolOffers(catalog, reviewQueue.isPresent()),
            models,
            invoker,
            watchdog,
            new InputGuards(this.inputGuards),
            new OutputFilters(this.outputFilters),
            this.validators,
            scorer,
            new RateLimits(rateLimiter, rateLimiter.getClass() == UNLIMITED.getClass()),
            interceptors,
            new ModelBoundaries(this.boundaries),
            contextAssembler.orElseGet(
                () -> new CoreContextAssembler(sessionMemory, workingMemory, longTermMemory)),
            hooks,
            this.listeners,
            this.auditSinks,
            reviewQueue.orElse(inProcessReviews),
            reviewQueue.isPresent(),
            sessionMemory,
            workingMemory,
            new RunJournal(journal));
  }

  /** The context's workflow for a task naming one this agent does not know. */
  private static final Workflow UNKNOWN_WORKFLOW = Workflow.builder(Workflow.UNKNOWN_NAME).build();

  /** The no-op limiter core binds by default; runs skip asking it. */
  private static final RateLimiter UNLIMITED = RateLimiter.unlimited();

  @Override
  public AgentResult execute(Task task) {
    Objects.requireNonNull(task, "task");
    admit();
    try {
      return runSupervised(task, run -> run.start());
    } finally {
      admissions.leave();
    }
  }

  @Override
  public CompletableFuture<AgentResult> submit(Task task) {
    Objects.requireNonNull(task, "task");
    admit();
    CompletableFuture<AgentResult> ran;
    try {
      ran = intake().submit(task);
    } catch (RuntimeException | Error e) {
      admissions.leave();
      throw e;
    }
    // The caller's future is completed before the task leaves, so that close() returns only once
    // it is done; a callback on it that closes the agent does not wait for its own task.
    CompletableFuture<AgentResult> done = new CompletableFuture<>();
    ran.whenComplete((result, failure) ->
        admissions.leaveCompleting(() -> {
          if (failure == null) {
            done.complete(result);
          } else {
            done.completeExceptionally(failure);
          }
        }));
    return done;
  }

  @Override
  public AgentResult resume(ReviewDecision decision) {
    Objects.requireNonNull(decision, "decision");
    admit();
    try {
      return decide(decision);
    } finally {
      admissions.leave();
    }
  }

  private AgentResult decide(ReviewDecision decision) {
    ReviewQueue reviews = services.reviews();
    Optional<AgentResult> unchecked =
        ReviewResumption.checkEdit(decision, reviews, services.offers().catalog());
    if (unchecked.isPresent()) {
      return unchecked.get();
    }
    Containment.Result<Optional<ReviewRequest>> claimed =
        Containment.call(() -> reviews.claim(decision.requestId()));
    if (!(claimed instanceof Containment.Returned<Optional<ReviewRequest>> found)
        || found.value() == null) {
      return ReviewResumption.queueFailed(decision, reviews, claimed);
    }
    if (found.value().isEmpty()) {
      return ReviewResumption.unknownReview(
          decision,
          "no review request '"
              + PrintableText.escape(decision.requestId())
              + "' is waiting: unknown or already decided");
    }
    ReviewRequest request = found.value().get();
    if (!ReviewResumption.awaitSuspended(request, inFlight::contains, services.journal())) {
      // Nothing is lost: the request goes back for a later decision.
      boolean returned = Containment.run("review queue", reviews, () -> reviews.submit(request));
      return ReviewResumption.unknownReview(
          decision,
          "task '"
              + PrintableText.escape(request.task().id())
              + "' is still being suspended for review request '"
              + PrintableText.escape(request.id())
              + (returned
                  ? "'; the request was returned to the queue: decide it again"
                  : "'; the review queue could not take the request back (logged): the task"
                      + " stays waiting in its journal, and recovery sends it to review again"));
    }
    return runSupervised(
        request.task(),
        run -> {
          if (!services
              .journal()
              .joined(run.state(), JournalEntry.Kind.RESUMED, request.id(), null)) {
            return Recovery.takenOver(
                run.state(),
                FailureCategory.UNKNOWN_REVIEW,
                "review request '"
                    + PrintableText.escape(request.id())
                    + "' is no longer current: the journal of task '"
                    + PrintableText.escape(request.task().id())
                    + "' does not end waiting for it (the task was continued from its journal by"
                    + " another run); decide the task's current request instead");
          }
          return ReviewResumption.decide(run, request, decision);
        });
  }

  @Override
  public List<AgentResult> recover() {
    admit();
    try {
      return new Recovery(services, inFlight::contains, this::runSupervised).recoverAll();
    } finally {
      admissions.leave();
    }
  }

  @Override
  public Optional<AgentResult> recover(String taskId) {
    Objects.requireNonNull(taskId, "taskId");
    admit();
    try {
      return new Recovery(services, inFlight::contains, this::runSupervised)
          .recoverOne(taskId, true);
    } finally {
      admissions.leave();
    }
  }

  /** Runs a task's run under the supervisor and waits for its outcome, by deadline + grace. */
  private AgentResult runSupervised(
      Task task, java.util.function.Function<TaskRun, AgentResult> body) {
    RunState run = prepare(task);
    Optional<AgentResult> refused = refuseDuplicate(run);
    if (refused.isPresent()) {
      return refused.get();
    }
    try {
      AgentResult result = supervisor.start(run, () -> body(run, body)).join();
      services.journal().ended(run, result);
      return result;
    } finally {
      inFlight.remove(task.id());
    }
  }

  private AgentResult body(RunState run, java.util.function.Function<TaskRun, AgentResult> body) {
    try (TaskRun taskRun = new TaskRun(services, run)) {
      return bounded(taskRun, body);
    }
  }

  /** Runs a body; a model boundary that failed ends the run as that boundary's failure. */
  private static AgentResult bounded(
      TaskRun taskRun, java.util.function.Function<TaskRun, AgentResult> body) {
    try {
      return body.apply(taskRun);
    } catch (ModelBoundaries.BoundaryFailed failed) {
      return taskRun.boundaryFailed(failed);
    }
  }

  /** Runs a submitted task on the intake's thread; the future completes by deadline + grace. */
  private void runSubmitted(Task task, CompletableFuture<AgentResult> done) {
    RunState run = prepare(task);
    Optional<AgentResult> refused = refuseDuplicate(run);
    if (refused.isPresent()) {
      done.complete(refused.get());
      return;
    }
    CompletableFuture<AgentResult> ran = done;
    if (services.journal().records()) {
      ran = new CompletableFuture<>();
      ran.whenComplete((result, failure) -> {
        if (result != null) {
          services.journal().ended(run, result);
          done.complete(result);
        } else {
          done.completeExceptionally(failure);
        }
      });
    }
    // The id is released before the outcome is published: a task resubmitted once its future
    // completed is not refused as a duplicate of itself.
    supervisor.runHere(run, ran, () -> body(run, TaskRun::start), () -> inFlight.remove(task.id()));
  }

  /** The run's state: its context, recorder and deadline on the agent's clock. */
  private RunState prepare(Task task) {
    Workflow known = settings.workflows().get(task.workflow());
    // A task naming a workflow the agent does not know ends INVALID_TASK, naming it, before it
    // runs; its context gets one placeholder, so what listeners key by workflow stays bounded.
    Workflow workflow = known != null ? known : UNKNOWN_WORKFLOW;
    RunContext context =
        new RunContext(
            task, workflow, runIds + Long.toHexString(runCount.incrementAndGet()), clock);
    EventRecorder events = new EventRecorder(listeners, auditSinks, services.filters(), context);
    return new RunState(
        task, workflow, context, events, Deadline.after(clock, workflow.budget().maxDuration()));
  }

  private Optional<AgentResult> refuseDuplicate(RunState run) {
    if (inFlight.add(run.task.id())) {
      return Optional.empty();
    }
    String reason =
        "task '"
            + PrintableText.escape(run.task.id())
            + "' is already in flight; the second run was refused (give each task its own id)";
    run.events.emit(
        new AgentEvent.TaskStarted(
            run.task.id(), run.context.now(), run.task.workflow(), run.task.principal().id()));
    run.events.emit(
        new AgentEvent.LimitReached(
            run.task.id(), run.context.now(), AgentEvent.Limit.DUPLICATE_TASK, reason));
    Outcome outcome = new Outcome.Failed(FailureCategory.INVALID_TASK, reason);
    run.events.emit(
        new AgentEvent.TaskFinished(
            run.task.id(), run.context.now(), outcome, Duration.ZERO, TokenUsage.ZERO, 0));
    return Optional.of(
        new AgentResult(
            run.task.id(),
            outcome,
            Optional.empty(),
            Optional.empty(),
            reason,
            run.events.trace()));
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
    if (running != null) {
      running.close();
    }
    // Every run in flight, submitted or not, keeps its deadline: wait for each (deadline + grace),
    // including those let in just before the close that have not reached the supervisor yet.
    admissions.closeAndAwait();
    supervisor.awaitAll();
    supervisor.close();
    watchdog.close();
    TaskJournal journal = services.journal().journal();
    Containment.run("task journal", journal, journal::flush);
    for (AuditSink sink : auditSinks) {
      Containment.run("audit sink", sink, sink::flush);
      Containment.run("audit sink", sink, sink::close);
    }
    for (AgentEventListener listener : listeners) {
      Containment.run("event listener", listener, listener::flush);
      Containment.run("event listener", listener, listener::close);
    }
  }

  private IntakeExecutor intake() {
    synchronized (lifecycle) {
      requireOpen();
      if (intake == null) {
        intake =
            new IntakeExecutor(
                settings.concurrency(), settings.taskScorer(), this::runSubmitted, this::cancelled);
        intake.start();
      }
      return intake;
    }
  }

  /** A queued task the agent was closed before running: audited like any other outcome. */
  private AgentResult cancelled(Task task) {
    RunState run = prepare(task);
    String reason = "the agent was closed before the task ran";
    Outcome outcome = new Outcome.Failed(FailureCategory.CANCELLED, reason);
    run.events.emit(
        new AgentEvent.TaskStarted(
            task.id(), run.context.now(), task.workflow(), task.principal().id()));
    run.events.emit(
        new AgentEvent.TaskFinished(
            task.id(), run.context.now(), outcome, Duration.ZERO, TokenUsage.ZERO, 0));
    return new AgentResult(
        task.id(), outcome, Optional.empty(), Optional.empty(), reason, run.events.trace());
  }

  /** Lets a call or a submitted task in, unless the agent is closed. */
  private void admit() {
    if (!admissions.enter()) {
      throw closedError();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw closedError();
    }
  }

  private static IllegalStateException closedError() {
    return new IllegalStateException("the agent is closed; build a new one");
  }
}
