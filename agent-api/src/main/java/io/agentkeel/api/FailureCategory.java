package io.agentkeel.api;

/** Why a task {@linkplain Outcome.Failed failed}, in categories that error rates are counted by. */
public enum FailureCategory {
  /**
   * The task cannot run as given: unknown workflow, or information the workflow needs is missing.
   */
  INVALID_TASK,
  /** Every model of the fallback chain failed (timeouts, server errors, rate limits). */
  MODEL_UNAVAILABLE,
  /** A person rejected the answer or the destructive call the task was waiting on. */
  REVIEW_REJECTED,
  /** A review decision named a request that is unknown or was already decided. */
  UNKNOWN_REVIEW,
  /** A component that must not lose data, such as the audit sink, could not accept it. */
  AUDIT_UNAVAILABLE,
  /** The agent was closed while the task waited or ran. */
  CANCELLED,
  /** A defect in AgentKeel or an extension; the reason says which. */
  INTERNAL
}
