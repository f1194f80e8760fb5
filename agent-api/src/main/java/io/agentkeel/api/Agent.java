package io.agentkeel.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs tasks to an outcome. Thread-safe: tasks may be executed and submitted from any thread.
 *
 * <p>The contract that matters most: {@link #execute} never throws for anything that happens while
 * the task runs, and never hangs past the workflow's time budget. A blocked input, a rate limit, a
 * failing model or tool, a spent budget: each ends the task in an {@link Outcome} with the reason.
 */
public interface Agent extends AutoCloseable {

  /**
   * Runs a task on the calling thread until it reaches an outcome.
   *
   * @param task the task; not null
   * @return the result, with exactly one outcome
   * @throws NullPointerException if {@code task} is null
   * @throws IllegalStateException if the agent is closed
   */
  AgentResult execute(Task task);

  /**
   * Queues a task; it runs on a virtual thread, at most as many at once as the agent's concurrency
   * allows, in the order of the agent's intake scoring.
   *
   * @param task the task; not null
   * @return a future completed with the result; it is never completed exceptionally for anything
   *     that happens while the task runs
   * @throws NullPointerException if {@code task} is null
   * @throws IllegalStateException if the agent is closed
   */
  CompletableFuture<AgentResult> submit(Task task);

  /**
   * Applies a person's decision to a task that is waiting in review, and runs it on to its next
   * outcome: an approved destructive call runs and the loop goes on; an approved or edited answer
   * completes; a rejection ends the task.
   *
   * @param decision the decision; not null
   * @return the result after the decision, with exactly one outcome; a decision for a request that
   *     is unknown or already decided gives a {@link Outcome.Failed} result naming the request; an
   *     approved call of a task whose workflow this agent does not know does not run, and the task
   *     fails ({@link FailureCategory#INVALID_TASK}) naming the workflow
   * @throws NullPointerException if {@code decision} is null
   * @throws InvalidRevisionException if {@code decision} is a {@link ReviewDecision.Edit} of a
   *     waiting tool call whose revision the tool does not accept as its arguments, checked as a
   *     model's arguments are; nothing is decided and the request stays waiting
   * @throws IllegalStateException if the agent is closed
   */
  AgentResult resume(ReviewDecision decision);

  /**
   * Continues every task that has a {@link TaskJournal journal} but no outcome, typically after the
   * process that ran it died: the conversation is rebuilt from the journal without repeating a
   * recorded model reply, a recorded tool result is used as it is, a read-only call with an intent
   * but no result runs again, and a write or destructive call with an intent but no result goes to
   * review as "may already have run", unless its tool uses the {@linkplain
   * io.agentkeel.tools.spi.ToolContext#idempotencyKey() idempotency key}. A task waiting in review
   * is left to the person, unless its request was claimed and never resumed.
   *
   * <p>Call it when the tasks' previous runs are over (their process died); a run still going on
   * elsewhere is fenced by the journal's sequence, not stopped.
   *
   * @return the result of each continued task, in the journal's order; empty for an agent without a
   *     journal
   * @throws IllegalStateException if the agent is closed
   */
  default List<AgentResult> recover() {
    return List.of();
  }

  /**
   * Continues one task from its journal, as {@link #recover()} does for all: the distributed intake
   * calls it when a task comes back to it because the instance that ran it died (a takeover).
   *
   * @param taskId the task
   * @return the result of the continued run; empty when there is nothing to continue: the journal
   *     holds no record of the task (or could not be read just now), or its outcome, or the task
   *     waits in review or runs on this instance. A journal whose records cannot be decoded ends
   *     the task: the result is then {@link Outcome.Failed}, naming why, as does a task whose
   *     workflow this agent does not know ({@link FailureCategory#INVALID_TASK})
   * @throws NullPointerException if {@code taskId} is null
   * @throws IllegalStateException if the agent is closed
   */
  default Optional<AgentResult> recover(String taskId) {
    java.util.Objects.requireNonNull(taskId, "taskId");
    return Optional.empty();
  }

  /**
   * Stops accepting tasks and waits for running ones to finish within their budgets.
   *
   * <p>Closing twice has no further effect.
   */
  @Override
  void close();
}
