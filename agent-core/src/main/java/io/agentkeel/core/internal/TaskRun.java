package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.ConfidenceSignals;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.GuardVerdict;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.OutputValidator;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Priority;
import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.RateLimitRequest;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Route;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.UntrustedText;
import io.agentkeel.api.ValidationResult;
import io.agentkeel.api.Workflow;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.internal.Json;
import io.agentkeel.tools.spi.ToolException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one task through the loop, from intake (or a resumed review) to exactly one outcome.
 * Not thread-safe: a run belongs to the thread that executes it.
 */
final class TaskRun implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);

  private final DefaultAgent agent;
  private final Task task;
  private final EventRecorder events;
  private final Instant started;
  private final long startedNanos;
  private final RunContext context;
  private final MemoryOwner owner;

  private Workflow workflow;
  private Instant deadline;
  private String input;
  private List<ChatMessage> messages = new ArrayList<>();
  private final Deque<ToolExecutionRequest> pending = new ArrayDeque<>();
  private Map<String, RegisteredTool> offered = Map.of();
  private List<ToolSpecification> specifications = List.of();
  private Map<CallKey, Integer> callCounts = new HashMap<>();
  private final CallWatchdog.Watch watch;
  private int steps;
  private TokenUsage tokens = TokenUsage.ZERO;
  private int toolErrors;
  private int retries;
  private int failedValidations;

  TaskRun(DefaultAgent agent, Task task) {
    this.agent = agent;
    this.task = task;
    Workflow known = agent.settings.workflows().get(task.workflow());
    this.context =
        new RunContext(
            task,
            known != null ? known : Workflow.builder(task.workflow()).build(),
            UUID.randomUUID().toString(),
            agent.clock);
    this.owner = MemoryOwner.of(task.principal());
    this.events = new EventRecorder(agent.listeners, agent.auditSinks, context);
    this.started = agent.clock.instant();
    this.startedNanos = System.nanoTime();
    this.input = task.input();
    this.watch = agent.watchdog.watchCurrentThread();
  }

  /** A tool call as repeated-call detection sees it: the tool and its bound arguments. */
  private record CallKey(String tool, Record arguments) {}

  /** Stops watching this run's thread; call once the run has its result. */
  @Override
  public void close() {
    watch.close();
  }

  // ---------------------------------------------------------------- entry points

  AgentResult start() {
    events.emit(
        new AgentEvent.TaskStarted(task.id(), started, task.workflow(), task.principal().id()));
    try {
      Optional<Workflow> known =
          Optional.ofNullable(agent.settings.workflows().get(task.workflow()));
      if (known.isEmpty()) {
        return fail(
            FailureCategory.INVALID_TASK,
            "unknown workflow '"
                + task.workflow()
                + "'; this agent knows "
                + agent.settings.workflows().keySet().stream().sorted().toList());
      }
      workflow = known.get();
      deadline = started.plus(workflow.budget().maxDuration());
      List<String> missing = new ArrayList<>(0);
      for (String name : workflow.requiredAttributes()) {
        String value = task.attributes().get(name);
        if (value == null || value.isBlank()) {
          missing.add(name);
        }
      }
      if (!missing.isEmpty()) {
        return fail(
            FailureCategory.INVALID_TASK,
            "workflow '"
                + workflow.name()
                + "' needs task attribute(s) "
                + String.join(", ", missing)
                + " before the model is called; add them to the task rather than letting the"
                + " model guess");
      }
      Optional<AgentResult> refused = guardInput();
      if (refused.isPresent()) {
        return refused.get();
      }
      Optional<AgentResult> limited = rateLimit(RateLimitRequest.task(task.workflow()));
      if (limited.isPresent()) {
        return limited.get();
      }
      offerTools();
      assembleContext();
      return loop();
    } catch (RuntimeException defect) {
      return defect(defect);
    }
  }

  /** Continues a run whose destructive call a person approved, or approved with new arguments. */
  AgentResult resumeApproved(ReviewRequest request, Optional<String> revisedArguments) {
    try {
      workflow = agent.settings.workflows().get(task.workflow());
      if (workflow == null) {
        return fail(
            FailureCategory.INVALID_TASK,
            "workflow '" + task.workflow() + "' of the suspended task is no longer configured");
      }
      deadline = started.plus(workflow.budget().maxDuration());
      restore(request.state());
      offerTools();
      if (pending.isEmpty()) {
        return fail(FailureCategory.INTERNAL, "the suspended state holds no pending tool call");
      }
      ToolExecutionRequest head = pending.peekFirst();
      if (revisedArguments.isPresent()) {
        head = head.toBuilder().arguments(revisedArguments.get()).build();
        pending.removeFirst();
        pending.addFirst(head);
      }
      Optional<AgentResult> stopped = runToolCall(head, true);
      if (stopped.isPresent()) {
        return stopped.get();
      }
      pending.removeFirst();
      return loop();
    } catch (RuntimeException defect) {
      return defect(defect);
    }
  }

  /** Ends a run with a decision that needs no more work: a reviewed answer or a rejection. */
  AgentResult finishReviewed(Outcome outcome, Optional<String> answer, String reason) {
    if (outcome instanceof Outcome.Completed && answer.isPresent()) {
      String filtered = filterOutput(answer.get());
      rememberTurn(filtered);
      return finish(outcome, Optional.of(filtered), Optional.empty(), reason);
    }
    return finish(outcome, answer, Optional.empty(), reason);
  }

  EventRecorder events() {
    return events;
  }

  // ---------------------------------------------------------------- intake

  private Optional<AgentResult> guardInput() {
    for (InputGuard guard : agent.inputGuards) {
      GuardVerdict verdict;
      try {
        verdict = guard.inspect(UntrustedText.userInput(input), context);
      } catch (RuntimeException e) {
        LOG.error("input guard {} failed: {}", guard.name(), e.getClass().getName());
        verdict = GuardVerdict.block("the guard could not check the input");
      }
      switch (verdict) {
        case GuardVerdict.Allow allow -> {
          boolean rewritten = !allow.text().equals(input);
          input = allow.text();
          events.emit(
              guardDecision(
                  guard.name(),
                  rewritten ? AgentEvent.GuardAction.REWRITTEN : AgentEvent.GuardAction.ALLOWED,
                  rewritten ? "rewritten" : "allowed",
                  Optional.empty()));
        }
        case GuardVerdict.Flag flag -> {
          input = flag.text();
          events.emit(
              guardDecision(
                  guard.name(),
                  AgentEvent.GuardAction.FLAGGED,
                  flag.reason(),
                  Optional.of(flag.score())));
        }
        case GuardVerdict.Review held -> {
          events.emit(
              guardDecision(
                  guard.name(),
                  AgentEvent.GuardAction.REVIEW,
                  held.reason(),
                  Optional.of(held.score())));
          return Optional.of(
              review(
                  ReviewKind.ESCALATION,
                  Priority.HIGH,
                  "input guard " + guard.name() + " held the input for a person: " + held.reason(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  ""));
        }
        case GuardVerdict.Block block -> {
          events.emit(
              guardDecision(
                  guard.name(), AgentEvent.GuardAction.BLOCKED, block.reason(), Optional.empty()));
          return Optional.of(
              finish(
                  new Outcome.Refused(guard.name(), block.reason()),
                  Optional.empty(),
                  Optional.empty(),
                  "input guard " + guard.name() + " refused the task: " + block.reason()));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<AgentResult> rateLimit(RateLimitRequest request) {
    String operation = request.kind().name().toLowerCase(java.util.Locale.ROOT);
    RateLimitDecision decision;
    try {
      decision = agent.rateLimiter.tryAcquire(request, context);
    } catch (RuntimeException e) {
      LOG.error("rate limiter failed on {}: {}", operation, e.getClass().getName());
      return Optional.of(fail(FailureCategory.INTERNAL, "the rate limiter failed on " + operation));
    }
    if (!(decision instanceof RateLimitDecision.Refused refused)) {
      return Optional.empty();
    }
    events.emit(
        new AgentEvent.RateLimitHit(
            task.id(),
            agent.clock.instant(),
            request.kind(),
            request.name(),
            request.cost(),
            refused.retryAfter(),
            refused.reason()));
    return Optional.of(
        finish(
            new Outcome.RateLimited(operation, refused.retryAfter()),
            Optional.empty(),
            Optional.empty(),
            "principal '"
                + task.principal().id()
                + "' is over its rate limit for "
                + operation
                + "; retry after "
                + refused.retryAfter()));
  }

  private void offerTools() {
    DefaultAgent.Offer offer = agent.offer(workflow, task.principal());
    offered = offer.tools();
    specifications = offer.specifications();
  }

  private void assembleContext() {
    StringBuilder system = new StringBuilder();
    if (!task.attributes().isEmpty()) {
      system.append("\n\nFacts of this task:");
      task.attributes().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> system.append("\n- ").append(e.getKey()).append(": ").append(e.getValue()));
    }
    Map<String, io.agentkeel.api.memory.VersionedValue> working =
        safe(() -> agent.workingMemory.snapshot(task.id()), Map.of());
    if (!working.isEmpty()) {
      system.append("\n\nState of this task so far:");
      working.forEach((k, v) -> system.append("\n- ").append(k).append(": ").append(v.value()));
    }
    if (agent.longTermMemory.isPresent() && agent.settings.recallLimit() > 0) {
      List<RecalledMemory> recalled =
          safe(
              () ->
                  agent
                      .longTermMemory
                      .get()
                      .recall(MemoryQuery.of(owner, input, agent.settings.recallLimit())),
              List.of());
      if (!recalled.isEmpty()) {
        system.append("\n\nThings you remember that may be relevant:");
        recalled.forEach(m -> system.append("\n- ").append(m.record().text()));
      }
    }
    SystemMessage base = agent.systemMessage(workflow);
    messages.add(system.isEmpty() ? base : SystemMessage.from(base.text() + system));
    if (task.sessionId().isPresent() && agent.settings.sessionTurns() > 0) {
      List<ChatTurn> turns =
          safe(
              () ->
                  agent.sessionMemory.recent(
                      owner, task.sessionId().get(), agent.settings.sessionTurns()),
              List.of());
      for (ChatTurn turn : turns) {
        messages.add(
            turn.role() == ChatTurn.Role.USER
                ? UserMessage.from(turn.text())
                : AiMessage.from(turn.text()));
      }
    }
    messages.add(UserMessage.from(input));
  }

  // ---------------------------------------------------------------- the loop

  private AgentResult loop() {
    while (true) {
      while (!pending.isEmpty()) {
        Optional<AgentResult> stopped = runToolCall(pending.peekFirst(), false);
        if (stopped.isPresent()) {
          return stopped.get();
        }
        pending.removeFirst();
      }
      Optional<AgentResult> unaudited = stopIfUnaudited();
      if (unaudited.isPresent()) {
        return unaudited.get();
      }
      Instant now = agent.clock.instant();
      if (!now.isBefore(deadline)) {
        return escalate(
            "time budget of "
                + workflow.budget().maxDuration()
                + " spent after "
                + steps
                + " model call(s) without a final answer",
            Optional.empty());
      }
      if (steps >= workflow.budget().maxSteps()) {
        return escalate(
            "step budget of "
                + workflow.budget().maxSteps()
                + " model calls spent without a final answer",
            Optional.empty());
      }
      Optional<AgentResult> limited =
          rateLimit(RateLimitRequest.modelCall(agent.models.primaryName(), 0));
      if (limited.isPresent()) {
        return limited.get();
      }
      ChatRequest.Builder builder = ChatRequest.builder().messages(messages);
      if (!specifications.isEmpty()) {
        builder.toolSpecifications(specifications);
      }
      ChatRequest request = builder.build();
      steps++;
      ModelChain.Result reply =
          agent.models.call(request, deadline, task.id(), steps, events, watch, now);
      AiMessage message;
      switch (reply) {
        case ModelChain.Exhausted exhausted -> {
          retries += exhausted.failures();
          return escalate(
              exhausted.outOfTime()
                  ? "time budget of "
                      + workflow.budget().maxDuration()
                      + " spent: "
                      + exhausted.reason()
                  : exhausted.reason(),
              Optional.empty());
        }
        case ModelChain.Answered answered -> {
          retries += answered.failuresBefore();
          answered.tokens().ifPresent(used -> tokens = tokens.plus(used));
          message = answered.response().aiMessage();
        }
      }
      messages.add(message);
      if (message.hasToolExecutionRequests()) {
        pending.addAll(message.toolExecutionRequests());
        continue;
      }
      FinalAnswer answer = FinalAnswer.parse(message.text());
      List<String> problems = validate(answer.answer());
      if (problems.isEmpty()) {
        return route(answer);
      }
      if (failedValidations >= workflow.budget().maxValidationRetries()) {
        failedValidations++;
        return escalate(
            "the answer failed validation "
                + failedValidations
                + " time(s), the last with: "
                + String.join("; ", problems),
            Optional.of(answer));
      }
      failedValidations++;
      events.emit(
          new AgentEvent.RetryScheduled(
              task.id(), agent.clock.instant(), failedValidations, problems));
      messages.add(
          UserMessage.from(
              "Your answer did not pass validation:\n"
                  + problems.stream().map(p -> "- " + p).collect(Collectors.joining("\n"))
                  + "\nCorrect it and answer again in the same JSON format."));
    }
  }

  /** Runs one tool call of the model's; a present result means the run stopped there. */
  private Optional<AgentResult> runToolCall(ToolExecutionRequest call, boolean confirmed) {
    Optional<AgentResult> unaudited = stopIfUnaudited();
    if (unaudited.isPresent()) {
      return unaudited;
    }
    String name = String.valueOf(call.name());
    String rawArguments = call.arguments() == null ? "" : call.arguments();
    RegisteredTool tool = offered.get(name);
    if (tool == null) {
      toolErrors++;
      ToolFailureKind kind =
          agent.catalog.find(name).isPresent()
              ? ToolFailureKind.NOT_PERMITTED
              : ToolFailureKind.UNKNOWN_TOOL;
      toolFailed(
          call,
          rawArguments,
          kind,
          "there is no tool named '"
              + name
              + "' available to you; the tools you can use are "
              + (offered.isEmpty() ? "none" : String.join(", ", offered.keySet()))
              + ". Use one of them or answer without a tool.",
          Duration.ZERO);
      return Optional.empty();
    }
    Record arguments;
    try {
      arguments = tool.bind(rawArguments);
    } catch (ToolException invalid) {
      retries++;
      toolFailed(
          call,
          rawArguments,
          ToolFailureKind.INVALID_ARGUMENTS,
          invalid.messageForModel(),
          Duration.ZERO);
      return Optional.empty();
    }
    if (!confirmed) {
      int count = callCounts.merge(new CallKey(name, arguments), 1, Integer::sum);
      if (count > workflow.budget().maxRepeatedCalls()) {
        String reason =
            "the agent called "
                + name
                + " with the same arguments "
                + count
                + " times; stopped as a loop";
        toolFailed(call, rawArguments, ToolFailureKind.REPEATED_CALL, reason, Duration.ZERO);
        return Optional.of(escalate(reason, Optional.empty()));
      }
    }
    Instant now = agent.clock.instant();
    if (!now.isBefore(deadline)) {
      return Optional.of(
          escalate(
              "time budget of "
                  + workflow.budget().maxDuration()
                  + " spent before tool "
                  + name
                  + " could run",
              Optional.empty()));
    }
    Instant toolDeadline = now.plus(workflow.budget().toolTimeout());
    if (toolDeadline.isAfter(deadline)) {
      toolDeadline = deadline;
    }
    ToolPermissions.Decision decision =
        ToolPermissions.authorize(
            tool,
            arguments,
            rawArguments,
            task,
            workflow,
            confirmed,
            agent.reviewQueue.isPresent(),
            toolDeadline);
    switch (decision) {
      case ToolPermissions.Denied denied -> {
        toolErrors++;
        toolFailed(
            call, rawArguments, ToolFailureKind.NOT_PERMITTED, denied.reason(), Duration.ZERO);
        return Optional.empty();
      }
      case ToolPermissions.NeedsConfirmation needs -> {
        return Optional.of(suspend(needs.call()));
      }
      case ToolPermissions.Permitted permitted -> {
        ToolInvoker.Result result = agent.invoker.invoke(permitted.permit(), watch);
        switch (result) {
          case ToolInvoker.Success success -> {
            messages.add(ToolExecutionResultMessage.from(call, success.text()));
            events.emit(
                new AgentEvent.ToolCalled(
                    task.id(), now.plus(success.latency()), name, rawArguments, success.latency()));
          }
          case ToolInvoker.Failure failure -> {
            toolErrors++;
            toolFailed(call, rawArguments, failure.kind(), failure.message(), failure.latency());
          }
        }
        return Optional.empty();
      }
    }
  }

  private void toolFailed(
      ToolExecutionRequest call,
      String arguments,
      ToolFailureKind kind,
      String message,
      Duration latency) {
    messages.add(ToolExecutionResultMessage.from(call, message));
    events.emit(
        new AgentEvent.ToolFailed(
            task.id(),
            agent.clock.instant(),
            String.valueOf(call.name()),
            arguments,
            kind,
            message,
            latency));
  }

  private List<String> validate(String answer) {
    if (workflow.validators().isEmpty() && agent.validators.isEmpty()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    List<OutputValidator> validators = new ArrayList<>(workflow.validators());
    validators.addAll(agent.validators);
    for (OutputValidator validator : validators) {
      try {
        ValidationResult result = validator.validate(answer, context);
        problems.addAll(result.problems());
      } catch (RuntimeException e) {
        LOG.error(
            "output validator {} failed: {}",
            validator.getClass().getName(),
            e.getClass().getName());
        problems.add("a validator could not check the answer");
      }
    }
    return problems;
  }

  // ---------------------------------------------------------------- outcomes

  private AgentResult route(FinalAnswer answer) {
    Confidence confidence;
    try {
      confidence =
          agent.scorer.score(
              new ConfidenceSignals(
                  answer.confidence(),
                  answer.summary(),
                  toolErrors,
                  retries,
                  failedValidations,
                  steps),
              context);
    } catch (RuntimeException e) {
      LOG.error("confidence scorer failed: {}", e.getClass().getName());
      confidence = new Confidence(0.0, "the confidence scorer failed");
    }
    Route route = workflow.thresholds().route(confidence.value());
    events.emit(new AgentEvent.Routed(task.id(), agent.clock.instant(), confidence, route));
    String filtered = filterOutput(answer.answer());
    String score = twoDecimals(confidence.value());
    return switch (route) {
      case AUTO_COMPLETE -> {
        rememberTurn(filtered);
        yield finish(
            new Outcome.Completed(),
            Optional.of(filtered),
            Optional.of(confidence),
            "completed with confidence "
                + score
                + " (auto-complete at "
                + workflow.thresholds().autoComplete()
                + ")");
      }
      case REVIEW ->
          review(
              ReviewKind.ANSWER,
              Priority.NORMAL,
              "confidence "
                  + score
                  + " is below the auto-complete threshold "
                  + workflow.thresholds().autoComplete()
                  + "; a person should check the answer",
              Optional.of(filtered),
              Optional.of(confidence),
              Optional.empty(),
              "");
      case ESCALATE ->
          review(
              ReviewKind.ESCALATION,
              Priority.HIGH,
              "confidence "
                  + score
                  + " is below the review threshold "
                  + workflow.thresholds().review()
                  + "; a person should take over",
              Optional.of(filtered),
              Optional.of(confidence),
              Optional.empty(),
              "");
    };
  }

  private AgentResult escalate(String reason, Optional<FinalAnswer> answer) {
    return review(
        ReviewKind.ESCALATION,
        Priority.HIGH,
        reason,
        answer.map(a -> filterOutput(a.answer())),
        Optional.empty(),
        Optional.empty(),
        "");
  }

  private AgentResult suspend(PendingToolCall call) {
    return review(
        ReviewKind.DESTRUCTIVE_CALL,
        Priority.NORMAL,
        "tool '" + call.tool() + "' is destructive; a person must confirm the call",
        Optional.empty(),
        Optional.empty(),
        Optional.of(call),
        serialise());
  }

  private AgentResult review(
      ReviewKind kind,
      Priority priority,
      String reason,
      Optional<String> proposedAnswer,
      Optional<Confidence> confidence,
      Optional<PendingToolCall> call,
      String state) {
    ReviewRequest request =
        new ReviewRequest(
            UUID.randomUUID().toString(),
            task,
            kind,
            priority,
            reason,
            proposedAnswer,
            confidence,
            call,
            state,
            agent.clock.instant());
    agent.reviews().submit(request);
    Outcome outcome =
        kind == ReviewKind.ESCALATION
            ? new Outcome.Escalated(request)
            : new Outcome.InReview(request);
    return finish(outcome, proposedAnswer, confidence, reason);
  }

  private AgentResult fail(FailureCategory category, String reason) {
    return finish(new Outcome.Failed(category, reason), Optional.empty(), Optional.empty(), reason);
  }

  private AgentResult defect(RuntimeException defect) {
    LOG.error("AgentKeel defect while running task {}", task.id(), defect);
    return fail(
        FailureCategory.INTERNAL,
        "AgentKeel failed internally (" + defect.getClass().getSimpleName() + "); see the log");
  }

  private Optional<AgentResult> stopIfUnaudited() {
    return events
        .auditFailure()
        .map(e ->
            fail(
                FailureCategory.AUDIT_UNAVAILABLE,
                "the audit sink could not store an event ("
                    + e.getClass().getSimpleName()
                    + "); the task was stopped so that nothing runs unaudited"));
  }

  private AgentResult finish(
      Outcome outcome, Optional<String> answer, Optional<Confidence> confidence, String reason) {
    if (!(outcome instanceof Outcome.InReview)) {
      safe(
          () -> {
            agent.workingMemory.clear(task.id());
            return null;
          },
          null);
    }
    events.emit(
        new AgentEvent.TaskFinished(
            task.id(),
            agent.clock.instant(),
            outcome,
            Duration.ofNanos(System.nanoTime() - startedNanos),
            tokens,
            steps));
    Optional<RuntimeException> auditFailure = events.auditFailure();
    if (auditFailure.isPresent() && !(outcome instanceof Outcome.Failed)) {
      String why =
          "the audit sink could not store an event ("
              + auditFailure.get().getClass().getSimpleName()
              + "); the outcome "
              + outcome.describe()
              + " was not recorded";
      return new AgentResult(
          task.id(),
          new Outcome.Failed(FailureCategory.AUDIT_UNAVAILABLE, why),
          Optional.empty(),
          confidence,
          why,
          events.trace());
    }
    return new AgentResult(task.id(), outcome, answer, confidence, reason, events.trace());
  }

  // ---------------------------------------------------------------- helpers

  private AgentEvent.GuardDecision guardDecision(
      String guard, AgentEvent.GuardAction action, String reason, Optional<Double> score) {
    String subject =
        action == AgentEvent.GuardAction.FILTERED || reason.equals("filter failed")
            ? "answer"
            : "user_input:input";
    return new AgentEvent.GuardDecision(
        task.id(), agent.clock.instant(), guard, subject, action, reason, score);
  }

  private String filterOutput(String answer) {
    String text = answer;
    for (OutputFilter filter : agent.outputFilters) {
      try {
        String filtered = filter.filter(text, OutputChannel.ANSWER, context);
        if (!filtered.equals(text)) {
          events.emit(
              guardDecision(
                  filter.name(),
                  AgentEvent.GuardAction.FILTERED,
                  "changed the answer",
                  Optional.empty()));
        }
        text = filtered;
      } catch (RuntimeException e) {
        LOG.error("output filter {} failed: {}", filter.name(), e.getClass().getName());
        events.emit(
            guardDecision(
                filter.name(), AgentEvent.GuardAction.BLOCKED, "filter failed", Optional.empty()));
        return "[answer withheld: output filter " + filter.name() + " failed]";
      }
    }
    return text;
  }

  private void rememberTurn(String answer) {
    if (task.sessionId().isEmpty()) {
      return;
    }
    String session = task.sessionId().get();
    Instant now = agent.clock.instant();
    safe(
        () -> {
          agent.sessionMemory.append(owner, session, new ChatTurn(ChatTurn.Role.USER, input, now));
          agent.sessionMemory.append(
              owner, session, new ChatTurn(ChatTurn.Role.ASSISTANT, answer, now));
          return null;
        },
        null);
  }

  private String serialise() {
    List<SuspendedState.PendingCall> calls =
        pending.stream()
            .map(r -> new SuspendedState.PendingCall(r.id(), r.name(), r.arguments()))
            .toList();
    SuspendedState state =
        new SuspendedState(
            SuspendedState.VERSION,
            ChatMessageSerializer.messagesToJson(messages),
            calls,
            steps,
            tokens.input(),
            tokens.output(),
            toolErrors,
            retries,
            failedValidations,
            serialisedCallCounts());
    return Json.MAPPER.writeValueAsString(state);
  }

  private void restore(String json) {
    SuspendedState state = Json.MAPPER.readValue(json, SuspendedState.class);
    if (state.version() != SuspendedState.VERSION) {
      throw new IllegalStateException(
          "suspended state version " + state.version() + " is not " + SuspendedState.VERSION);
    }
    messages = new ArrayList<>(ChatMessageDeserializer.messagesFromJson(state.messagesJson()));
    pending.clear();
    for (SuspendedState.PendingCall call : state.pending()) {
      pending.add(
          ToolExecutionRequest.builder()
              .id(call.id())
              .name(call.name())
              .arguments(call.arguments())
              .build());
    }
    steps = state.steps();
    tokens = new TokenUsage(state.inputTokens(), state.outputTokens());
    toolErrors = state.toolErrors();
    retries = state.retries();
    failedValidations = state.failedValidations();
    callCounts = new HashMap<>();
    for (SuspendedState.CallCount count : state.callCounts()) {
      agent
          .catalog
          .find(count.tool())
          .ifPresent(tool -> {
            try {
              callCounts.put(
                  new CallKey(count.tool(), tool.bind(count.argumentsJson())), count.count());
            } catch (ToolException changed) {
              // The tool's parameters changed while the task waited; the count starts over.
            }
          });
    }
  }

  private List<SuspendedState.CallCount> serialisedCallCounts() {
    List<SuspendedState.CallCount> counts = new ArrayList<>();
    callCounts.forEach((key, count) ->
        agent
            .catalog
            .find(key.tool())
            .ifPresent(tool ->
                counts.add(
                    new SuspendedState.CallCount(
                        key.tool(), tool.canonicalArguments(key.arguments()), count))));
    return counts;
  }

  /** Formats a value in [0, 1] with two decimals; String.format costs more than the loop step. */
  static String twoDecimals(double value) {
    long hundredths = Math.round(value * 100);
    return (hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + (hundredths % 100);
  }

  private static <T> T safe(java.util.function.Supplier<T> call, T fallback) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      LOG.warn("memory call failed: {}", e.getClass().getName());
      return fallback;
    }
  }
}
