package io.agentkeel.api;

import java.util.Objects;

/**
 * What a {@link ContextAssembler} is asked to fill: the model's view of a task within a budget.
 *
 * @param instructions the workflow's instructions and the answer format; always included first
 * @param input the task's input after the input guards; always included last
 * @param tokenBudget the most tokens the whole context may take, instructions and input included
 * @param estimator how to count tokens for the model in use
 * @param sessionTurns the most session turns the agent is configured to show
 * @param recallLimit the most long-term memories the agent is configured to show
 */
@Experimental
public record ContextRequest(
    String instructions,
    String input,
    int tokenBudget,
    TokenEstimator estimator,
    int sessionTurns,
    int recallLimit) {

  /**
   * Validates the request.
   *
   * @throws IllegalArgumentException if a number is negative or the budget is not positive
   */
  public ContextRequest {
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(estimator, "estimator");
    if (tokenBudget < 1 || sessionTurns < 0 || recallLimit < 0) {
      throw new IllegalArgumentException(
          "a context request needs a positive token budget and no negative limits, got budget="
              + tokenBudget
              + " sessionTurns="
              + sessionTurns
              + " recallLimit="
              + recallLimit);
    }
  }
}
