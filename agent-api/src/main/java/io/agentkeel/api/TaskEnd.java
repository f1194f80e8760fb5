package io.agentkeel.api;

import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended, as the {@link WriteBack} hook sees it.
 *
 * @param outcome the run's outcome
 * @param input the task's input, after the input guards
 * @param answer the answer after the output filters, if the run produced one
 */
@Experimental
public record TaskEnd(Outcome outcome, String input, Optional<String> answer) {

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public TaskEnd {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(answer, "answer");
  }
}
