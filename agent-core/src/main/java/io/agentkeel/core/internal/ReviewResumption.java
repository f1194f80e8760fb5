package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.ToolFailureKind;
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
