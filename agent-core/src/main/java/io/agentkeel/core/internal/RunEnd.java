package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Priority;
import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.TaskEnd;
import io.agentkeel.api.WriteBack;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends a run with exactly one outcome, consistent with the audit: a review request is withdrawn if
 * the outcome that names it cannot be audited, working memory is cleared unless the task waits, and
 * the write-back hooks are told once.
 */
final class RunEnd {
  private final RunServices services;
  private final RunState run;

  RunEnd(RunServices services, RunState run) {
    this.services = services;
    this.run = run;
  }

  AgentResult fail(FailureCategory category, String reason) {
    return finish(new Outcome.Failed(category, reason), Optional.empty(), Optional.empty(), reason);
  }

  AgentResult escalate(String reason, Optional<String> filteredAnswer) {
    return review(
        ReviewKind.ESCALATION,
        Priority.HIGH,
        reason,
        filteredAnswer,
        Optional.empty(),
        Optional.empty(),
        "");
  }

  /**
   * The run stops before anything unaudited happens, if an audit sink failed or the supervisor
   * abandoned the run (whose result nobody reads any more).
   */
  Optional<AgentResult> stopIfUnaudited() {
    if (run.events.abandoned()) {
      return Optional.of(
          new AgentResult(
              run.task.id(),
              new Outcome.Failed(FailureCategory.INTERNAL, "abandoned"),
              Optional.empty(),
              Optional.empty(),
              "abandoned",
              java.util.List.of()));
    }
    return run.events
        .auditFailure()
        .map(e ->
            fail(
                FailureCategory.AUDIT_UNAVAILABLE,
                "the audit sink could not store an event ("
                    + e.getClass().getSimpleName()
                    + "); the task was stopped so that nothing runs unaudited"));
  }

  AgentResult review(
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
            run.task,
            kind,
            priority,
            filter(reason),
            proposedAnswer,
            confidence,
            call,
            state,
            run.context.now());
    boolean queued =
        Containment.run(
            "review queue", services.reviews(), () -> services.reviews().submit(request));
    if (!queued) {
      return fail(
          FailureCategory.INTERNAL,
          "the review queue could not take the request, so no person will see it: "
              + request.reason());
    }
    Outcome outcome =
        kind == ReviewKind.ESCALATION
            ? new Outcome.Escalated(request)
            : new Outcome.InReview(request);
    return finish(outcome, proposedAnswer, confidence, request.reason());
  }

  /** A text a person or a log reader will see in a review request. */
  String filter(String text) {
    return services.filters().filter(text, OutputChannel.REVIEW_REQUEST, run.context);
  }

  AgentResult finish(
      Outcome outcome, Optional<String> answer, Optional<Confidence> confidence, String reason) {
    if (!(outcome instanceof Outcome.InReview)) {
      Containment.run(
          "working memory",
          services.workingMemory(),
          () -> services.workingMemory().clear(run.task.id()));
    }
    Outcome recorded = outcome;
    Optional<String> shownAnswer = answer;
    String shownReason = reason;
    Optional<Throwable> auditFailure = run.events.auditFailure();
    if (auditFailure.isPresent() && !(outcome instanceof Outcome.Failed)) {
      withdraw(outcome);
      shownReason =
          "the audit sink could not store an event ("
              + auditFailure.get().getClass().getSimpleName()
              + "); the outcome "
              + outcome.describe()
              + " was not recorded";
      recorded = new Outcome.Failed(FailureCategory.AUDIT_UNAVAILABLE, shownReason);
      shownAnswer = Optional.empty();
    }
    boolean accepted =
        run.events.emit(
            new AgentEvent.TaskFinished(
                run.task.id(),
                run.context.now(),
                recorded,
                Duration.ofNanos(System.nanoTime() - run.startedNanos),
                run.counters.tokens(),
                run.counters.steps()));
    if (accepted
        && run.events.auditFailure().isPresent()
        && auditFailure.isEmpty()
        && !(recorded instanceof Outcome.Failed)) {
      // The finish itself could not be stored: the outcome the caller gets must not name a request
      // that no audit entry ends with.
      withdraw(recorded);
      shownReason = "the audit sink could not store the outcome " + recorded.describe();
      recorded = new Outcome.Failed(FailureCategory.AUDIT_UNAVAILABLE, shownReason);
      shownAnswer = Optional.empty();
    }
    if (accepted) {
      writeBack(recorded, shownAnswer);
    }
    return new AgentResult(
        run.task.id(), recorded, shownAnswer, confidence, shownReason, run.events.trace());
  }

  private void withdraw(Outcome outcome) {
    ReviewRequest request =
        switch (outcome) {
          case Outcome.InReview r -> r.request();
          case Outcome.Escalated e -> e.request();
          default -> null;
        };
    if (request != null) {
      Containment.run(
          "review queue", services.reviews(), () -> services.reviews().claim(request.id()));
    }
  }

  private void writeBack(Outcome outcome, Optional<String> answer) {
    TaskEnd end = new TaskEnd(outcome, run.input, answer);
    for (WriteBack hook : services.writeBacks()) {
      Containment.run("write-back", hook, () -> hook.taskEnded(end, run.context));
    }
  }

  /** Escalates a run that spent a budget, saying which. */
  AgentResult spent(String reason, AgentEvent.Limit limit) {
    run.events.emit(new AgentEvent.LimitReached(run.task.id(), run.context.now(), limit, reason));
    return escalate(reason, Optional.empty());
  }

  /** Ends a run refused by the rate limiter, naming the operation and when to retry. */
  AgentResult limited(String operation, RateLimitDecision.Refused refused) {
    return finish(
        new Outcome.RateLimited(operation, refused.retryAfter()),
        Optional.empty(),
        Optional.empty(),
        "principal '"
            + run.task.principal().id()
            + "' is over its rate limit for "
            + operation
            + " ("
            + refused.reason()
            + "); retry after "
            + refused.retryAfter());
  }

  /**
   * Suspends the run on a call a person must confirm: the call goes back to the head of the queue,
   * the reviewer sees it filtered, and the state to resume from is stored with the request.
   */
  AgentResult awaitConfirmation(ToolExecutionRequest call, PendingToolCall pending, String reason) {
    run.pending.addFirst(call);
    PendingToolCall shown =
        new PendingToolCall(pending.tool(), filter(pending.argumentsJson()), pending.scopes());
    String state =
        Suspension.serialise(run, shown, pending.argumentsJson(), services.offers().catalog());
    return review(
        ReviewKind.DESTRUCTIVE_CALL,
        Priority.NORMAL,
        reason,
        Optional.empty(),
        Optional.empty(),
        Optional.of(shown),
        state);
  }
}
