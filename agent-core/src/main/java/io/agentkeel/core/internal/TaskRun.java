package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.ModelText;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.Priority;
import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.RateLimitRequest;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.UntrustedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of one task through the loop, from intake (or a resumed review) to exactly one outcome:
 * the model↔tool state machine. The stages live elsewhere: context in {@link ContextStage}, each
 * tool call in {@link ToolCallStep}, the answer in {@link AnswerRouter}, the outcome in {@link
 * RunEnd}, the suspended state in {@link Suspension}. Not thread-safe: a run belongs to the thread
 * that executes it.
 */
final class TaskRun implements AutoCloseable {
  private final RunServices services;
  private final RunState run;
  private final RunEnd end;
  private final AnswerRouter answers;
  private final ToolCallStep tools;
  private final CallWatchdog.Watch watch;

  TaskRun(RunServices services, RunState run) {
    this.services = services;
    this.run = run;
    this.end = new RunEnd(services, run);
    this.answers = new AnswerRouter(services, run, end);
    this.watch = services.watchdog().watchCurrentThread();
    this.tools = new ToolCallStep(services, run, watch);
  }

  /** Stops watching this run's thread; call once the run has its result. */
  @Override
  public void close() {
    watch.close();
  }

  RunState state() {
    return run;
  }

  RunEnd end() {
    return end;
  }

  // ---------------------------------------------------------------- entry points

  AgentResult start() {
    run.events.emit(
        new AgentEvent.TaskStarted(
            run.task.id(), run.context.now(), run.task.workflow(), run.task.principal().id()));
    Optional<AgentResult> unknown = unknownWorkflow("");
    if (unknown.isPresent()) {
      return unknown.get();
    }
    List<String> missing = new ArrayList<>(0);
    for (String name : run.workflow.requiredAttributes()) {
      String value = run.task.attributes().get(name);
      if (value == null || value.isBlank()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      return end.fail(
          FailureCategory.INVALID_TASK,
          "workflow '"
              + run.workflow.name()
              + "' needs task attribute(s) "
              + String.join(", ", missing)
              + " before the model is called; add them to the task rather than letting the"
              + " model guess");
    }
    switch (services
        .guards()
        .inspect(UntrustedText.userInput(run.input), run.context, run.events)) {
      case InputGuards.Pass pass -> run.input = pass.text();
      case InputGuards.Blocked blocked -> {
        return end.finish(
            new Outcome.Refused(blocked.guard(), blocked.reason()),
            Optional.empty(),
            Optional.empty(),
            "input guard " + blocked.guard() + " refused the task: " + blocked.reason());
      }
      case InputGuards.Held held -> {
        return end.review(
            ReviewKind.ESCALATION,
            Priority.HIGH,
            "input guard " + held.guard() + " held the input for a person: " + held.reason(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "");
      }
    }
    Optional<RateLimitDecision.Refused> refused =
        services
            .limits()
            .acquire(RateLimitRequest.task(run.workflow.name()), run.context, run.events);
    if (refused.isPresent()) {
      return end.limited("task", refused.get());
    }
    run.offer = services.offers().offer(run.workflow, run.task.principal());
    ContextStage.assemble(services, run);
    services.journal().started(run, services.offers().systemMessage(run.workflow).text());
    return loop();
  }

  /**
   * Continues a run rebuilt from its journal: a call that may already have run goes to a person
   * unless its tool uses the idempotency key; a recorded answer is routed without a model call;
   * otherwise the loop goes on from where the journal ends.
   */
  AgentResult recover(JournalReplay.Rebuilt rebuilt) {
    run.restore(rebuilt);
    Optional<AgentResult> unknown =
        unknownWorkflow(
            " (the agent that continues the task from its journal has no such workflow)");
    if (unknown.isPresent()) {
      return unknown.get();
    }
    run.offer = services.offers().offer(run.workflow, run.task.principal());
    Optional<PendingToolCall> mayHaveRun = Recovery.mayHaveRun(services, rebuilt);
    if (mayHaveRun.isPresent()) {
      run.events.emit(
          new AgentEvent.MayHaveRun(run.task.id(), run.context.now(), mayHaveRun.get().tool()));
      return end.awaitConfirmation(
          run.pending.removeFirst(),
          mayHaveRun.get(),
          "tool '"
              + mayHaveRun.get().tool()
              + "' may already have run: its process stopped after the call's intent was"
              + " recorded and before its result was; check whether it took effect, then approve"
              + " to run it again or reject");
    }
    if (run.pending.isEmpty() && rebuilt.lastAnswer().isPresent()) {
      Optional<AgentResult> done = onReply(rebuilt.lastAnswer().get());
      if (done.isPresent()) {
        return done.get();
      }
    }
    return loop();
  }

  /** Continues a run whose destructive call a person approved, or approved with new arguments. */
  AgentResult resumeApproved(ReviewRequest request, Optional<String> revisedArguments) {
    Optional<AgentResult> unknown =
        unknownWorkflow(
            " (the agent that resumes the task has no such workflow); the approved call did not"
                + " run");
    if (unknown.isPresent()) {
      return unknown.get();
    }
    run.offer = services.offers().offer(run.workflow, run.task.principal());
    Optional<String> mismatch = Suspension.restore(request, run, services.offers().catalog());
    if (mismatch.isPresent()) {
      return end.fail(FailureCategory.INVALID_TASK, mismatch.get());
    }
    ToolExecutionRequest head = run.pending.removeFirst();
    if (revisedArguments.isPresent()) {
      head = head.toBuilder().arguments(revisedArguments.get()).build();
    }
    Optional<AgentResult> stopped = afterCall(head, tools.run(head, true));
    return stopped.orElseGet(this::loop);
  }

  /**
   * Ends a run whose model boundary failed: a failure of that extension, named as such, not a
   * defect of core.
   */
  AgentResult boundaryFailed(ModelBoundaries.BoundaryFailed failed) {
    return end.fail(FailureCategory.INTERNAL, failed.getMessage());
  }

  /** Ends a run with a decision that needs no more work: a reviewed answer or a rejection. */
  AgentResult finishReviewed(Outcome outcome, Optional<String> answer, String reason) {
    if (outcome instanceof Outcome.Completed && answer.isPresent()) {
      return end.finish(
          outcome, Optional.of(answers.filterAnswer(answer.get())), Optional.empty(), reason);
    }
    return end.finish(outcome, answer, Optional.empty(), reason);
  }

  /**
   * Ends the run if the agent does not know the task's workflow: a task never runs under made-up
   * defaults, whether it starts, resumes after a review or is continued from its journal.
   */
  private Optional<AgentResult> unknownWorkflow(String when) {
    if (services.settings().workflows().containsKey(run.task.workflow())) {
      return Optional.empty();
    }
    return Optional.of(
        end.fail(
            FailureCategory.INVALID_TASK,
            "unknown workflow '"
                + PrintableText.escape(run.task.workflow())
                + "'"
                + when
                + "; this agent knows "
                + services.settings().workflows().keySet().stream().sorted().toList()));
  }

  // ---------------------------------------------------------------- the loop

  private AgentResult loop() {
    while (true) {
      while (!run.pending.isEmpty()) {
        Optional<AgentResult> unaudited = end.stopIfUnaudited();
        if (unaudited.isPresent()) {
          return unaudited.get();
        }
        ToolExecutionRequest call = run.pending.removeFirst();
        Optional<AgentResult> stopped = afterCall(call, tools.run(call, false));
        if (stopped.isPresent()) {
          return stopped.get();
        }
      }
      Optional<AgentResult> unaudited = end.stopIfUnaudited();
      if (unaudited.isPresent()) {
        return unaudited.get();
      }
      if (run.deadline.passed(services.clock())) {
        return end.spent(
            "time budget of "
                + run.workflow.budget().maxDuration()
                + " spent after "
                + run.counters.steps()
                + " model call(s) without a final answer",
            AgentEvent.Limit.TIME_BUDGET);
      }
      if (run.counters.steps() >= run.workflow.budget().maxSteps()) {
        return end.spent(
            "step budget of "
                + run.workflow.budget().maxSteps()
                + " model calls spent without a final answer",
            AgentEvent.Limit.STEP_BUDGET);
      }
      long estimate = ContextStage.fit(run);
      RateLimitRequest modelCall =
          RateLimitRequest.modelCall(services.models().primaryName(), estimate);
      Optional<RateLimitDecision.Refused> refused =
          services.limits().acquire(modelCall, run.context, run.events);
      if (refused.isPresent()) {
        return end.limited("model_call", refused.get());
      }
      ChatRequest.Builder builder = ChatRequest.builder().messages(run.messages);
      if (!run.offer.specifications().isEmpty()) {
        builder.toolSpecifications(run.offer.specifications());
      }
      run.counters = run.counters.step();
      ModelChain.Result reply =
          services.models().call(builder.build(), run, watch, services.interceptors());
      AiMessage message;
      switch (reply) {
        case ModelChain.Exhausted exhausted -> {
          services.limits().settle(modelCall, 0, run.context);
          run.counters = run.counters.retried(exhausted.failures());
          if (exhausted.outOfTime()) {
            return end.spent(
                "time budget of "
                    + run.workflow.budget().maxDuration()
                    + " spent: "
                    + exhausted.reason(),
                AgentEvent.Limit.TIME_BUDGET);
          }
          return end.fail(FailureCategory.MODEL_UNAVAILABLE, exhausted.reason());
        }
        case ModelChain.Answered answered -> {
          run.counters = run.counters.retried(answered.failuresBefore());
          answered.tokens().ifPresent(used -> run.counters = run.counters.plus(used));
          services
              .limits()
              .settle(
                  modelCall,
                  answered.tokens().map(t -> t.input() + t.output()).orElse(estimate),
                  run.context);
          message = answered.response().aiMessage();
        }
      }
      // A call's arguments over the bound never enter the conversation or the journal; the call
      // itself is refused, with its length, when it comes up.
      AiMessage kept = ToolArguments.bounded(message, run.workflow.budget().maxToolArgumentChars());
      run.messages.add(kept);
      services.journal().replied(run, kept);
      Optional<AgentResult> done = onReply(message);
      if (done.isPresent()) {
        return done.get();
      }
    }
  }

  /** Acts on a model reply: queues its calls, or validates and routes its answer. */
  private Optional<AgentResult> onReply(AiMessage message) {
    if (message.hasToolExecutionRequests()) {
      queueCalls(message.toolExecutionRequests());
      return Optional.empty();
    }
    String text =
        services
            .boundaries()
            .fromModel(message.text() == null ? "" : message.text(), ModelText.ANSWER, run.context);
    FinalAnswer answer = FinalAnswer.parse(text);
    List<String> problems = answers.validate(answer.answer());
    if (problems.isEmpty()) {
      return Optional.of(answers.route(answer));
    }
    run.counters = run.counters.failedValidation();
    if (run.counters.failedValidations() > run.workflow.budget().maxValidationRetries()) {
      return Optional.of(
          end.escalate(
              "the answer failed validation "
                  + run.counters.failedValidations()
                  + " time(s), the last with: "
                  + String.join("; ", problems),
              Optional.of(end.filter(answers.filterAnswer(answer.answer())))));
    }
    run.events.emit(
        new AgentEvent.RetryScheduled(
            run.task.id(), run.context.now(), run.counters.failedValidations(), problems));
    String feedback =
        "Your answer did not pass validation:\n- "
            + String.join("\n- ", problems)
            + "\nCorrect it and answer again in the same format.";
    run.messages.add(UserMessage.from(feedback));
    services.journal().feedback(run, feedback);
    return Optional.empty();
  }

  /** Queues a reply's calls, at most the budget's calls per reply; the rest are refused. */
  private void queueCalls(List<ToolExecutionRequest> calls) {
    int max = run.workflow.budget().maxCallsPerReply();
    for (int i = 0; i < calls.size(); i++) {
      if (i < max) {
        run.pending.add(calls.get(i));
      } else {
        String notRun = "not run: at most " + max + " tool calls are run from one reply";
        run.messages.add(
            dev.langchain4j.data.message.ToolExecutionResultMessage.from(calls.get(i), notRun));
        services.journal().returned(run, calls.get(i), notRun);
      }
    }
    if (calls.size() > max) {
      run.events.emit(
          new AgentEvent.LimitReached(
              run.task.id(),
              run.context.now(),
              AgentEvent.Limit.CALLS_PER_REPLY,
              "the model asked for "
                  + calls.size()
                  + " tool calls in one reply; ran the first "
                  + max));
    }
  }

  private Optional<AgentResult> afterCall(ToolExecutionRequest call, ToolCallStep.Next next) {
    return switch (next) {
      case ToolCallStep.Continue c -> Optional.empty();
      case ToolCallStep.Escalate e -> Optional.of(end.escalate(e.reason(), Optional.empty()));
      case ToolCallStep.Limited l -> Optional.of(end.limited("tool_call:" + l.tool(), l.refused()));
      case ToolCallStep.Unaudited u ->
          Optional.of(
              end.stopIfUnaudited()
                  .orElseGet(() ->
                      end.fail(
                          FailureCategory.AUDIT_UNAVAILABLE,
                          "the intent of a write could not be audited, so it did not run")));
      case ToolCallStep.Pending p -> Optional.of(suspend(call, p.call()));
    };
  }

  private AgentResult suspend(ToolExecutionRequest call, PendingToolCall pending) {
    return end.awaitConfirmation(
        call,
        pending,
        "tool '" + pending.tool() + "' is destructive; a person must confirm the call");
  }
}
