package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.InvalidRevisionException;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.tools.spi.ArgumentViolation;
import io.agentkeel.tools.spi.ToolException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Turns a person's decision on a review request into the rest of the task's run. */
final class ReviewResumption {
  private ReviewResumption() {}

  static AgentResult decide(TaskRun run, ReviewRequest request, ReviewDecision decision) {
    RunState state = run.state();
    String verdict =
        switch (decision) {
          case ReviewDecision.Approve approve -> "approve";
          case ReviewDecision.Edit edit -> "edit";
          case ReviewDecision.Reject reject -> "reject";
        };
    state.events.emit(
        new AgentEvent.ReviewDecided(
            request.task().id(), state.context.now(), request.id(), decision.reviewer(), verdict));
    return switch (request.kind()) {
      case DESTRUCTIVE_CALL ->
          switch (decision) {
            case ReviewDecision.Approve approve -> run.resumeApproved(request, Optional.empty());
            case ReviewDecision.Edit edit ->
                run.resumeApproved(request, Optional.of(edit.revision()));
            case ReviewDecision.Reject reject -> {
              String tool = request.pendingCall().map(c -> c.tool()).orElse("the tool");
              state.events.emit(
                  new AgentEvent.ToolFailed(
                      request.task().id(),
                      state.context.now(),
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

  /** How long a decision waits for the run that asked for it to finish recording its suspension. */
  static final Duration SETTLE = Duration.ofSeconds(5);

  /**
   * Waits until the run that submitted a review request has finished suspending: it left this
   * instance's runs in flight, and the journal (shared by the instances, if any) ends waiting for
   * the request, or shows the request is stale. A person, or a reviewer on another instance, can
   * claim a request in the instant between its submission and that record.
   *
   * @param request the claimed request
   * @param runningHere whether the task still runs on this instance
   * @param journal the agent's journal
   * @return whether the task is ready to resume; false if the suspension was not recorded within
   *     {@link #SETTLE} (the caller returns the request to the queue)
   */
  static boolean awaitSuspended(
      ReviewRequest request, java.util.function.Predicate<String> runningHere, RunJournal journal) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    String taskId = request.task().id();
    while (true) {
      if (!runningHere.test(taskId) && recorded(request, journal)) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Whether the journal no longer shows the suspending run at work. */
  private static boolean recorded(ReviewRequest request, RunJournal journal) {
    if (!journal.records()) {
      return true;
    }
    List<io.agentkeel.api.JournalEntry> entries = journal.read(request.task().id());
    if (entries.isEmpty()) {
      return true;
    }
    io.agentkeel.api.JournalEntry.Kind last = entries.getLast().kind();
    return last == io.agentkeel.api.JournalEntry.Kind.SUSPENDED
        || last == io.agentkeel.api.JournalEntry.Kind.ENDED;
  }

  /**
   * Checks an edit of a waiting tool call before anything is decided: the request is looked up, not
   * claimed, and the revision is validated and bound as a model's arguments to that tool are. A
   * revision the tool would refuse is refused here, so that a reviewer's typo does not use up the
   * review and fail the call in the resumed run. The claim that follows gets the same request: an
   * id names one request.
   *
   * @param decision the decision; only an {@link ReviewDecision.Edit} is checked
   * @param reviews the queue the request waits in
   * @param catalog the agent's tools
   * @return the result to give if the queue could not look the request up; empty to go on, also
   *     when the request is not waiting (the claim says so) or its tool is unknown (the resumed run
   *     fails the task naming it)
   * @throws InvalidRevisionException if the tool does not accept the revision; the request stays
   *     waiting
   */
  static Optional<AgentResult> checkEdit(
      ReviewDecision decision, ReviewQueue reviews, ToolCatalog catalog) {
    if (!(decision instanceof ReviewDecision.Edit edit)) {
      return Optional.empty();
    }
    Containment.Result<Optional<ReviewRequest>> looked =
        Containment.call(() -> reviews.find(decision.requestId()));
    if (!(looked instanceof Containment.Returned<Optional<ReviewRequest>> found)
        || found.value() == null) {
      return Optional.of(queueFailed(decision, reviews, looked));
    }
    Optional<PendingToolCall> call =
        found
            .value()
            .filter(request -> request.kind() == ReviewKind.DESTRUCTIVE_CALL)
            .flatMap(ReviewRequest::pendingCall);
    Optional<RegisteredTool> tool = call.flatMap(c -> catalog.find(c.tool()));
    if (tool.isPresent()) {
      try {
        tool.get().bind(edit.revision());
      } catch (ToolException invalid) {
        List<ArgumentViolation> violations =
            invalid.violations().isEmpty()
                ? List.of(
                    new ArgumentViolation(
                        "$", "arguments the tool accepts", invalid.messageForModel()))
                : invalid.violations();
        throw new InvalidRevisionException(decision.requestId(), tool.get().name(), violations);
      }
    }
    return Optional.empty();
  }

  /**
   * The result of a decision whose review queue failed, or gave no answer; the failure is logged.
   */
  static AgentResult queueFailed(
      ReviewDecision decision, ReviewQueue reviews, Containment.Result<?> asked) {
    Throwable why =
        asked instanceof Containment.Threw<?> threw
            ? threw.failure()
            : new IllegalStateException("no answer");
    Containment.logFailure("review queue", reviews, why);
    return unknownReview(
        decision, "the review queue failed (" + why.getClass().getSimpleName() + ")");
  }

  /** The result of a decision on a review request that is not waiting, or cannot be read. */
  static AgentResult unknownReview(ReviewDecision decision, String reason) {
    return new AgentResult(
        "review:" + decision.requestId(),
        new Outcome.Failed(FailureCategory.UNKNOWN_REVIEW, reason),
        Optional.empty(),
        Optional.empty(),
        reason,
        List.of());
  }
}
