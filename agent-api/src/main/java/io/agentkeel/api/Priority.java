package io.agentkeel.api;

/** How urgently a person should look at a task waiting for them. */
public enum Priority {
  /** When convenient. */
  LOW,
  /** In the normal course of review. */
  NORMAL,
  /** Before normal work: the agent could not finish, or was far from sure. */
  HIGH
}
