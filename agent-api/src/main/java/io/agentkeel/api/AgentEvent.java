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
   * A guard (input guard, rate limiter, output filter) decided on the task.
   *
   * @param taskId the task
   * @param at when
   * @param guard the guard's name
   * @param allowed whether the task may go on
   * @param reason why, safe to log
   */
  record GuardDecision(String taskId, Instant at, String guard, boolean allowed, String reason)
      implements AgentEvent {
    /** Checks for nulls. */
    public GuardDecision {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(at, "at");
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
}
