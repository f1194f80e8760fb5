package io.agentkeel.api;

import java.util.List;

/**
 * What an {@link OutputValidator} found: nothing, or the problems to send back to the model.
 *
 * @param problems each problem, in words the model can act on; empty when the answer is valid
 */
public record ValidationResult(List<String> problems) {

  private static final ValidationResult VALID = new ValidationResult(List.of());

  /** Copies the problems. */
  public ValidationResult {
    problems = List.copyOf(problems);
  }

  /**
   * The answer is valid.
   *
   * @return a result with no problems
   */
  public static ValidationResult valid() {
    return VALID;
  }

  /**
   * The answer is invalid.
   *
   * @param problems what is wrong; at least one
   * @return a result with these problems
   * @throws IllegalArgumentException if none is given
   */
  public static ValidationResult invalid(String... problems) {
    if (problems.length == 0) {
      throw new IllegalArgumentException("an invalid result needs at least one problem");
    }
    return new ValidationResult(List.of(problems));
  }

  /**
   * Tells whether the answer passed.
   *
   * @return whether there are no problems
   */
  public boolean isValid() {
    return problems.isEmpty();
  }
}
