package io.agentkeel.api;

/** Where a text that the model will read came from; all of them are untrusted. */
public enum TextSource {
  /** What the user sent as the task's input. */
  USER_INPUT,
  /** What a tool returned. */
  TOOL_RESULT,
  /** A long-term memory recalled into the context. */
  RECALLED_MEMORY
}
