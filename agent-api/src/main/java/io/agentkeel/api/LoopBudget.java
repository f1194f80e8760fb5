package io.agentkeel.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds that keep an agent from looping: how many model steps, how much time, how often the
 * same tool call may repeat, how many validation retries, and how long one tool call may take.
 *
 * @param maxSteps the most model calls for one task
 * @param maxDuration the wall-clock budget for one task, from start to outcome
 * @param maxRepeatedCalls how many times the very same tool call (name and arguments) may run
 *     before the loop is declared stuck
 * @param maxValidationRetries how many times a failed output validation is sent back to the model
 * @param toolTimeout the longest one tool call may take
 * @param maxCallsPerReply the most tool calls run from one model reply; the rest are refused
 * @param maxToolResultChars the longest tool result fed back to the model; longer ones are
 *     truncated with a marker (a workflow may set a limit per tool)
 * @param contextTokens the token budget of what the model sees, at every step
 * @param maxToolArgumentChars the longest arguments of one tool call the model may send; a call
 *     with longer ones does not run, the model is told "arguments too large", and its arguments are
 *     replaced by a short marker in the conversation, the journal, events and the audit, so that
 *     one reply cannot outgrow the context budget
 */
public record LoopBudget(
    int maxSteps,
    Duration maxDuration,
    int maxRepeatedCalls,
    int maxValidationRetries,
    Duration toolTimeout,
    int maxCallsPerReply,
    int maxToolResultChars,
    int contextTokens,
    int maxToolArgumentChars) {

  /**
   * Ten steps, two minutes, two repeats, two validation retries, thirty seconds a tool call, eight
   * calls a reply, 16,000 characters a tool result, 16,000 tokens of context, 16,000 characters of
   * tool-call arguments.
   */
  public static final LoopBudget DEFAULT =
      new LoopBudget(
          10, Duration.ofMinutes(2), 2, 2, Duration.ofSeconds(30), 8, 16_000, 16_000, 16_000);

  /** The default {@link #maxToolArgumentChars()}. */
  private static final int DEFAULT_TOOL_ARGUMENT_CHARS = 16_000;

  /**
   * A budget with the default limits on calls per reply, result size and context.
   *
   * @param maxSteps the most model calls
   * @param maxDuration the time budget
   * @param maxRepeatedCalls how often the very same call may run
   * @param maxValidationRetries how many validation retries
   * @param toolTimeout the longest one tool call may take
   */
  public LoopBudget(
      int maxSteps,
      Duration maxDuration,
      int maxRepeatedCalls,
      int maxValidationRetries,
      Duration toolTimeout) {
    this(
        maxSteps,
        maxDuration,
        maxRepeatedCalls,
        maxValidationRetries,
        toolTimeout,
        8,
        16_000,
        16_000,
        DEFAULT_TOOL_ARGUMENT_CHARS);
  }

  /**
   * A budget with the default limit on the size of tool-call arguments.
   *
   * @param maxSteps the most model calls
   * @param maxDuration the time budget
   * @param maxRepeatedCalls how often the very same call may run
   * @param maxValidationRetries how many validation retries
   * @param toolTimeout the longest one tool call may take
   * @param maxCallsPerReply the most tool calls run from one reply
   * @param maxToolResultChars the longest tool result fed back to the model
   * @param contextTokens the token budget of what the model sees
   */
  public LoopBudget(
      int maxSteps,
      Duration maxDuration,
      int maxRepeatedCalls,
      int maxValidationRetries,
      Duration toolTimeout,
      int maxCallsPerReply,
      int maxToolResultChars,
      int contextTokens) {
    this(
        maxSteps,
        maxDuration,
        maxRepeatedCalls,
        maxValidationRetries,
        toolTimeout,
        maxCallsPerReply,
        maxToolResultChars,
        contextTokens,
        DEFAULT_TOOL_ARGUMENT_CHARS);
  }

  /**
   * Validates the budget.
   *
   * @throws IllegalArgumentException if a bound is not positive ({@code maxValidationRetries} may
   *     be zero), naming every bound and its value
   */
  public LoopBudget {
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(toolTimeout, "toolTimeout");
    if (maxSteps < 1
        || maxRepeatedCalls < 1
        || maxValidationRetries < 0
        || maxCallsPerReply < 1
        || maxToolResultChars < 1
        || contextTokens < 1
        || maxToolArgumentChars < 1
        || !maxDuration.isPositive()
        || !toolTimeout.isPositive()) {
      throw new IllegalArgumentException(
          "a loop budget needs maxSteps >= 1, maxRepeatedCalls >= 1, maxValidationRetries >= 0,"
              + " maxCallsPerReply >= 1, maxToolResultChars >= 1, contextTokens >= 1,"
              + " maxToolArgumentChars >= 1 and positive durations (maxDuration, toolTimeout), got"
              + " maxSteps="
              + maxSteps
              + ", maxDuration="
              + maxDuration
              + ", maxRepeatedCalls="
              + maxRepeatedCalls
              + ", maxValidationRetries="
              + maxValidationRetries
              + ", toolTimeout="
              + toolTimeout
              + ", maxCallsPerReply="
              + maxCallsPerReply
              + ", maxToolResultChars="
              + maxToolResultChars
              + ", contextTokens="
              + contextTokens
              + ", maxToolArgumentChars="
              + maxToolArgumentChars);
    }
  }

  /**
   * A copy with another step budget.
   *
   * @param steps the most model calls
   * @return the copy
   */
  public LoopBudget withMaxSteps(int steps) {
    return new LoopBudget(
        steps,
        maxDuration,
        maxRepeatedCalls,
        maxValidationRetries,
        toolTimeout,
        maxCallsPerReply,
        maxToolResultChars,
        contextTokens,
        maxToolArgumentChars);
  }

  /**
   * A copy with another time budget.
   *
   * @param duration the wall-clock budget
   * @return the copy
   */
  public LoopBudget withMaxDuration(Duration duration) {
    return new LoopBudget(
        maxSteps,
        duration,
        maxRepeatedCalls,
        maxValidationRetries,
        toolTimeout,
        maxCallsPerReply,
        maxToolResultChars,
        contextTokens,
        maxToolArgumentChars);
  }

  /**
   * A copy with another tool timeout.
   *
   * @param timeout the longest one tool call may take
   * @return the copy
   */
  public LoopBudget withToolTimeout(Duration timeout) {
    return new LoopBudget(
        maxSteps,
        maxDuration,
        maxRepeatedCalls,
        maxValidationRetries,
        timeout,
        maxCallsPerReply,
        maxToolResultChars,
        contextTokens,
        maxToolArgumentChars);
  }

  /**
   * A copy with another repeated-call limit.
   *
   * @param repeats how many times the same call may run
   * @return the copy
   */
  public LoopBudget withMaxRepeatedCalls(int repeats) {
    return new LoopBudget(
        maxSteps,
        maxDuration,
        repeats,
        maxValidationRetries,
        toolTimeout,
        maxCallsPerReply,
        maxToolResultChars,
        contextTokens,
        maxToolArgumentChars);
  }

  /**
   * A copy with another validation retry limit.
   *
   * @param retries how many failed validations are sent back to the model
   * @return the copy
   */
  public LoopBudget withMaxValidationRetries(int retries) {
    return new LoopBudget(
        maxSteps,
        maxDuration,
        maxRepeatedCalls,
        retries,
        toolTimeout,
        maxCallsPerReply,
        maxToolResultChars,
        contextTokens,
        maxToolArgumentChars);
  }

  /**
   * A copy with another limit on tool calls per model reply.
   *
   * @param calls the new limit
   * @return the copy
   */
  public LoopBudget withMaxCallsPerReply(int calls) {
    return new LoopBudget(
        maxSteps,
        maxDuration,
        maxRepeatedCalls,
        maxValidationRetries,
        toolTimeout,
        calls,
        maxToolResultChars,
        contextTokens,
        maxToolArgumentChars);
  }

  /**
   * A copy with another limit on the size of a tool result.
   *
   * @param chars the new limit
   * @return the copy
   */
  public LoopBudget withMaxToolResultChars(int chars) {
    return new LoopBudget(
        maxSteps,
        maxDuration,
        maxRepeatedCalls,
        maxValidationRetries,
        toolTimeout,
        maxCallsPerReply,
        chars,
        contextTokens,
        maxToolArgumentChars);
  }

  /**
   * A copy with another context token budget.
   *
   * @param tokens the new budget
   * @return the copy
   */
  public LoopBudget withContextTokens(int tokens) {
    return new LoopBudget(
        maxSteps,
        maxDuration,
        maxRepeatedCalls,
        maxValidationRetries,
        toolTimeout,
        maxCallsPerReply,
        maxToolResultChars,
        tokens,
        maxToolArgumentChars);
  }

  /**
   * A copy with another limit on the size of one tool call's arguments.
   *
   * @param chars the new limit
   * @return the copy
   */
  public LoopBudget withMaxToolArgumentChars(int chars) {
    return new LoopBudget(
        maxSteps,
        maxDuration,
        maxRepeatedCalls,
        maxValidationRetries,
        toolTimeout,
        maxCallsPerReply,
        maxToolResultChars,
        contextTokens,
        chars);
  }
}
