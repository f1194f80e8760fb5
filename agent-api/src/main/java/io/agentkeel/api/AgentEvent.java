package io.agentkeel.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the agent decided or did while running a task. The family is closed: listeners can
 * {@code switch} over it exhaustively. Events hold no user input or answer text. Tool events carry
 * the call's arguments, because the audit log must show every action; those may hold personal data,
 * so a listener that writes events out of the process must filter them.
 */
public sealed interface AgentEvent {

  /**
   * The task the event belongs to.
   *
   * @return the task id
   */
  String taskId();

  /**
   * When it happened.
   *
   * @return the instant
   */
  Instant at();

  /**
   * A task began.
   *
   * @param taskId the task
   * @param at when
   * @param workflow the workflow's name
   * @param principalId who it runs for
   */
  record TaskStarted(String taskId, Instant at, String workflow, String principalId)
      implements AgentEvent {
    /** Checks for nulls. */
    public TaskStarted {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A task reached its outcome.
   *
   * @param taskId the task
   * @param at when
   * @param outcome how it ended
   * @param latency time from start (or resume) to outcome
   * @param tokens tokens used by all model calls
   * @param steps model calls made
   */
  record TaskFinished(
      String taskId, Instant at, Outcome outcome, Duration latency, TokenUsage tokens, int steps)
      implements AgentEvent {
    /** Checks for nulls. */
    public TaskFinished {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * A model answered.
   *
   * @param taskId the task
   * @param at when
   * @param model the model's name in the fallback chain
   * @param step which step of the loop (1 for the first call)
   * @param latency how long the call took
   * @param tokens tokens used, if the provider said
   */
  record ModelCalled(
      String taskId,
      Instant at,
      String model,
      int step,
      Duration latency,
      Optional<TokenUsage> tokens)
      implements AgentEvent {
    /** Checks for nulls. */
    public ModelCalled {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A model call failed.
   *
   * @param taskId the task
   * @param at when
   * @param model the model's name
   * @param kind why
   * @param reason the error, without user data
   * @param latency how long until it failed
   */
  record ModelFailed(
      String taskId,
      Instant at,
      String model,
      ModelFailureKind kind,
      String reason,
      Duration latency)
      implements AgentEvent {
    /** Checks for nulls. */
    public ModelFailed {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The agent moved to the next model of the fallback chain.
   *
   * @param taskId the task
   * @param at when
   * @param from the model that failed
   * @param to the model tried next
   * @param kind why the first failed
   */
  record FallbackUsed(String taskId, Instant at, String from, String to, ModelFailureKind kind)
      implements AgentEvent {
    /** Checks for nulls. */
    public FallbackUsed {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A tool call succeeded.
   *
   * @param taskId the task
   * @param at when
   * @param tool the tool's name
   * @param argumentsJson the arguments as the model sent them (they passed validation)
   * @param latency how long it took
   */
  record ToolCalled(String taskId, Instant at, String tool, String argumentsJson, Duration latency)
      implements AgentEvent {
    /** Checks for nulls. */
    public ToolCalled {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A tool call did not produce a result; what was said to the model is in {@code reason}.
   *
   * @param taskId the task
   * @param at when
   * @param tool the tool's name, as the model gave it
   * @param argumentsJson the arguments as the model gave them
   * @param kind why
   * @param reason the message given back to the model
   * @param latency how long until it failed
   */
  record ToolFailed(
      String taskId,
      Instant at,
      String tool,
      String argumentsJson,
      ToolFailureKind kind,
      String reason,
      Duration latency)
      implements AgentEvent {
    /** Checks for nulls. */
    public ToolFailed {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * An input guard decided on an untrusted text, or an output filter changed or withheld an
   * outgoing one.
   *
   * @param taskId the task
   * @param at when
   * @param guard the guard's or filter's name
   * @param subject what was inspected: a {@link TextSource} name in lower case with the origin
   *     ({@code tool_result:search_orders}), or an {@link OutputChannel} name in lower case
   * @param action what the guard did
   * @param reason why, safe to log
   * @param score how suspicious the text was, in [0, 1], when the guard scores
   */
  record GuardDecision(
      String taskId,
      Instant at,
      String guard,
      String subject,
      GuardAction action,
      String reason,
      Optional<Double> score)
      implements AgentEvent {
    /** Checks for nulls. */
    public GuardDecision {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(guard, "guard");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(score, "score");
    }

    /**
     * Tells whether the text went on (allowed, rewritten, flagged or filtered).
     *
     * @return whether the task went on with the text
     */
    public boolean allowed() {
      return action != GuardAction.BLOCKED && action != GuardAction.REVIEW;
    }
  }

  /** What a guard or filter did with a text. */
  enum GuardAction {
    /** Let through unchanged. */
    ALLOWED,
    /** Let through rewritten (sanitised, pseudonymised). */
    REWRITTEN,
    /** Let through, flagged as suspicious. */
    FLAGGED,
    /** Held for a person. */
    REVIEW,
    /** Not let through. */
    BLOCKED,
    /** An outgoing text was changed by an output filter (redacted). */
    FILTERED
  }

  /**
   * A rate limiter refused an operation.
   *
   * @param taskId the task
   * @param at when
   * @param kind what was counted
   * @param name which task workflow, model or tool
   * @param cost what it would have cost
   * @param retryAfter when to retry
   * @param reason which limit refused, safe to log
   */
  record RateLimitHit(
      String taskId,
      Instant at,
      RateLimitKind kind,
      String name,
      long cost,
      Duration retryAfter,
      String reason)
      implements AgentEvent {
    /** Checks for nulls. */
    public RateLimitHit {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(retryAfter, "retryAfter");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A write or destructive tool call is about to run: its intent, stored by every audit sink before
   * the call starts (write-ahead).
   *
   * @param taskId the task
   * @param at when
   * @param tool the tool's name
   * @param callId the model's id for the call
   * @param sideEffect what the call may change
   * @param argumentsJson the validated arguments, after the output filters
   */
  record ToolIntended(
      String taskId,
      Instant at,
      String tool,
      String callId,
      io.agentkeel.tools.spi.SideEffect sideEffect,
      String argumentsJson)
      implements AgentEvent {
    /** Checks for nulls. */
    public ToolIntended {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(sideEffect, "sideEffect");
      Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
  }

  /**
   * A bound of the loop was reached: the model asked for more than it may have, or a budget ran
   * out.
   *
   * @param taskId the task
   * @param at when
   * @param limit which bound
   * @param detail what happened, with the numbers, safe to log
   */
  record LimitReached(String taskId, Instant at, Limit limit, String detail) implements AgentEvent {
    /** Checks for nulls. */
    public LimitReached {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The bounds of the loop. */
  enum Limit {
    /** More tool calls in one model reply than allowed; the rest were not run. */
    CALLS_PER_REPLY,
    /** A tool result larger than allowed; it was truncated with a marker. */
    TOOL_RESULT_SIZE,
    /** A task id already in flight; the second was refused. */
    DUPLICATE_TASK,
    /** The context would exceed its token budget; something was left out or elided. */
    CONTEXT_BUDGET,
    /** The step budget was spent. */
    STEP_BUDGET,
    /** The time budget was spent. */
    TIME_BUDGET,
    /** The same call was repeated too often. */
    REPEATED_CALL,
    /** A call or hook ignored its deadline and was abandoned. */
    ABANDONED_CALL
  }

  /**
   * The context the model sees was assembled.
   *
   * @param taskId the task
   * @param at when
   * @param estimatedTokens its estimated size
   * @param tokenBudget the budget it had to fit
   * @param omitted what was left out, one short line each
   */
  record ContextAssembled(
      String taskId, Instant at, int estimatedTokens, int tokenBudget, List<String> omitted)
      implements AgentEvent {
    /** Checks for nulls and copies the list. */
    public ContextAssembled {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      omitted = List.copyOf(omitted);
    }
  }

  /**
   * The final answer failed validation and was sent back to the model with the reasons.
   *
   * @param taskId the task
   * @param at when
   * @param attempt which retry (1 for the first)
   * @param reasons what the validators said
   */
  record RetryScheduled(String taskId, Instant at, int attempt, List<String> reasons)
      implements AgentEvent {
    /** Checks for nulls and copies the reasons. */
    public RetryScheduled {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * The answer was scored and routed.
   *
   * @param taskId the task
   * @param at when
   * @param confidence the score and its reasoning summary
   * @param route where the answer went
   */
  record Routed(String taskId, Instant at, Confidence confidence, Route route)
      implements AgentEvent {
    /** Checks for nulls. */
    public Routed {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(route, "route");
    }
  }

  /**
   * A person decided on a task waiting in review.
   *
   * @param taskId the task
   * @param at when
   * @param reviewRequestId the request decided
   * @param reviewer who decided
   * @param verdict {@code approve}, {@code edit} or {@code reject}
   */
  record ReviewDecided(
      String taskId, Instant at, String reviewRequestId, String reviewer, String verdict)
      implements AgentEvent {
    /** Checks for nulls. */
    public ReviewDecided {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A task was continued from its {@linkplain TaskJournal journal}, after the run that wrote it
   * ended without an outcome (its process died, typically).
   *
   * @param taskId the task
   * @param at when
   * @param workflow the task's workflow
   * @param journalRecords how many records the run was rebuilt from
   * @param takeover whether it was continued through {@link Agent#recover(String)}, which a
   *     distributed intake calls when the task comes back to it from an instance that died; false
   *     for {@link Agent#recover()}, the sweep at start-up
   */
  record TaskRecovered(
      String taskId, Instant at, String workflow, int journalRecords, boolean takeover)
      implements AgentEvent {
    /** Checks for nulls. */
    public TaskRecovered {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(workflow, "workflow");
    }
  }

  /**
   * A write or destructive call went to review as "may already have run": the journal holds its
   * intent and no result, and its tool does not use the idempotency key.
   *
   * @param taskId the task
   * @param at when
   * @param tool the tool whose call may have run
   */
  record MayHaveRun(String taskId, Instant at, String tool) implements AgentEvent {
    /** Checks for nulls. */
    public MayHaveRun {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(tool, "tool");
    }
  }
}
