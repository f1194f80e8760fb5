package io.agentkeel.observability;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.ModelFailureKind;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.TextSource;
import io.agentkeel.observability.internal.Names;
import java.util.Optional;

/**
 * The categories errors are counted by, in metrics, the decision log and reports. {@link
 * #of(AgentEvent)} says which events count as which error; each error event counts once.
 */
public enum ErrorCategory {
  /** A model call failed, other than by timing out. */
  MODEL,
  /** A tool call failed: unknown tool, tool error, crash, repeated call. */
  TOOL,
  /** Invalid tool arguments, or a final answer that failed validation and was retried. */
  VALIDATION,
  /** A guard blocked a text, or a tool's result, or a call was not permitted. */
  GUARD,
  /** A rate limiter refused an operation. */
  RATE_LIMIT,
  /** A model or tool call timed out or was abandoned, or the task's time budget ran out. */
  TIMEOUT,
  /** The audit sink could not store an event, so the task failed. */
  AUDIT;

  /** How the subject of a guard's decision on a tool's result starts. */
  private static final String TOOL_RESULT_SUBJECT = Names.lower(TextSource.TOOL_RESULT) + ":";

  /**
   * The category's name in metrics and the decision log.
   *
   * @return the lower-case name, such as {@code rate_limit}
   */
  public String tag() {
    return Names.lower(this);
  }

  /**
   * Which error an event reports, if any. A person denying a destructive call is a decision, not an
   * error; a failed task counts only for {@link #AUDIT}, since its other causes were counted when
   * they happened. An error core reports in two events counts once: a tool result a guard blocked
   * as the call's failure ({@code ToolFailed BLOCKED_RESULT}, not the guard's decision on the
   * {@code tool_result} subject), a run abandoned in a tool call as the limit ({@code LimitReached
   * ABANDONED_CALL}, not the call's {@code ToolFailed ABANDONED}).
   *
   * @param event the event
   * @return the category, or empty when the event is not an error
   */
  public static Optional<ErrorCategory> of(AgentEvent event) {
    ErrorCategory category =
        switch (event) {
          case AgentEvent.ModelFailed f -> f.kind() == ModelFailureKind.TIMEOUT ? TIMEOUT : MODEL;
          case AgentEvent.ToolFailed f ->
              switch (f.kind()) {
                case TIMEOUT -> TIMEOUT;
                case ABANDONED -> null;
                case INVALID_ARGUMENTS -> VALIDATION;
                case BLOCKED_RESULT, NOT_PERMITTED -> GUARD;
                case DENIED -> null;
                case UNKNOWN_TOOL, TOOL_ERROR, CRASHED, REPEATED_CALL -> TOOL;
              };
          case AgentEvent.RetryScheduled r -> VALIDATION;
          case AgentEvent.GuardDecision g ->
              g.action() == AgentEvent.GuardAction.BLOCKED
                      && (g.subject() == null || !g.subject().startsWith(TOOL_RESULT_SUBJECT))
                  ? GUARD
                  : null;
          case AgentEvent.RateLimitHit r -> RATE_LIMIT;
          case AgentEvent.LimitReached l ->
              switch (l.limit()) {
                case TIME_BUDGET, ABANDONED_CALL -> TIMEOUT;
                default -> null;
              };
          case AgentEvent.TaskFinished t ->
              t.outcome() instanceof Outcome.Failed f
                      && f.category() == FailureCategory.AUDIT_UNAVAILABLE
                  ? AUDIT
                  : null;
          default -> null;
        };
    return Optional.ofNullable(category);
  }
}
