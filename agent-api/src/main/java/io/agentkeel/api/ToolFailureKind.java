package io.agentkeel.api;

/** Why a tool call did not produce a result. */
public enum ToolFailureKind {
  /** The model asked for a tool that does not exist or is not offered to it. */
  UNKNOWN_TOOL,
  /** The arguments did not match the tool's schema. */
  INVALID_ARGUMENTS,
  /** The principal lacks a scope the tool requires, or the workflow does not allow the tool. */
  NOT_PERMITTED,
  /** The tool did not answer within its timeout. */
  TIMEOUT,
  /** The tool reported a failure with a {@code ToolException}. */
  TOOL_ERROR,
  /** The tool threw something other than a {@code ToolException}: a defect in the tool. */
  CRASHED,
  /** The very same call was made too often; the loop was stopped. */
  REPEATED_CALL,
  /** A person denied the destructive call. */
  DENIED,
  /** An input guard blocked the tool's result; the model was told the tool failed. */
  BLOCKED_RESULT,
  /**
   * The tool ignored its deadline and was abandoned; a write or destructive call may still
   * complete.
   */
  ABANDONED
}
