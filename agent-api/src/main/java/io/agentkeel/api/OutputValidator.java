package io.agentkeel.api;

/**
 * A done criterion: checks a final answer before it is routed. A failed validation goes back to the
 * model with the problems, up to the workflow's retry limit.
 */
public interface OutputValidator {

  /**
   * Checks an answer.
   *
   * @param answer the model's final answer
   * @param task the task it answers
   * @return valid, or the problems found
   */
  ValidationResult validate(String answer, Task task);
}
