package io.agentkeel.api;

/** What a rate limit counts. */
public enum RateLimitKind {
  /** A whole task; cost 1. */
  TASK,
  /** One model call; its cost is tokens, estimated before and settled after the call. */
  MODEL_CALL,
  /** One call of a named tool; cost 1. */
  TOOL_CALL
}
