package io.agentkeel.api;

/** Which text crosses the boundary to or from the model provider; see {@link ModelBoundary}. */
@Experimental
public enum ModelText {
  /** To the model: the task's input and earlier session turns. */
  USER_INPUT,
  /** To the model: instructions, facts, working state and recalled memories. */
  CONTEXT,
  /** To the model: a tool's result. */
  TOOL_RESULT,
  /** From the model: the arguments of a tool call, before the tool runs. */
  TOOL_ARGUMENTS,
  /** From the model: the final answer, before it is validated and routed. */
  ANSWER
}
