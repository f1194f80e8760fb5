package io.agentkeel.api;

/** What a person is asked to decide. */
public enum ReviewKind {
  /** An answer whose confidence fell in the review band. */
  ANSWER,
  /** A destructive tool call that waits for confirmation. */
  DESTRUCTIVE_CALL,
  /** A task the agent could not finish well; a person should take it over. */
  ESCALATION
}
