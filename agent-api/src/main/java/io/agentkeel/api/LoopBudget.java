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
 */
public record LoopBudget(
    int maxSteps,
    Duration maxDuration,
    int maxRepeatedCalls,
    int maxValidationRetries,
    Duration toolTimeout) {

  /** Ten steps, two minutes, two repeats, two validation retries, thirty seconds a tool call. */
  public static final LoopBudget DEFAULT =
      new LoopBudget(10, Duration.ofMinutes(2), 2, 2, Duration.ofSeconds(30));

  /**
   * Validates the budget.
   *
   * @throws IllegalArgumentException if a bound is not positive
   */
  public LoopBudget {
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(toolTimeout, "toolTimeout");
    if (maxSteps < 1
        || maxRepeatedCalls < 1
        || maxValidationRetries < 0
        || !maxDuration.isPositive()
        || !toolTimeout.isPositive()) {
      throw new IllegalArgumentException(
          "a loop budget needs maxSteps >= 1, maxRepeatedCalls >= 1, maxValidationRetries >= 0"
              + " and positive durations, got maxSteps="
              + maxSteps
              + ", maxDuration="
              + maxDuration
              + ", maxRepeatedCalls="
              + maxRepeatedCalls
              + ", maxValidationRetries="
              + maxValidationRetries
              + ", toolTimeout="
              + toolTimeout);
    }
  }

  /**
   * A copy with another step budget.
   *
   * @param steps the most model calls
   * @return the copy
   */
  public LoopBudget withMaxSteps(int steps) {
    return new LoopBudget(steps, maxDuration, maxRepeatedCalls, maxValidationRetries, toolTimeout);
  }

  /**
   * A copy with another time budget.
   *
   * @param duration the wall-clock budget
   * @return the copy
   */
  public LoopBudget withMaxDuration(Duration duration) {
    return new LoopBudget(maxSteps, duration, maxRepeatedCalls, maxValidationRetries, toolTimeout);
  }

  /**
   * A copy with another tool timeout.
   *
   * @param timeout the longest one tool call may take
   * @return the copy
   */
  public LoopBudget withToolTimeout(Duration timeout) {
    return new LoopBudget(maxSteps, maxDuration, maxRepeatedCalls, maxValidationRetries, timeout);
  }

  /**
   * A copy with another repeated-call limit.
   *
   * @param repeats how many times the same call may run
   * @return the copy
   */
  public LoopBudget withMaxRepeatedCalls(int repeats) {
    return new LoopBudget(maxSteps, maxDuration, repeats, maxValidationRetries, toolTimeout);
  }

  /**
   * A copy with another validation retry limit.
   *
   * @param retries how many failed validations are sent back to the model
   * @return the copy
   */
  public LoopBudget withMaxValidationRetries(int retries) {
    return new LoopBudget(maxSteps, maxDuration, maxRepeatedCalls, retries, toolTimeout);
  }
}
