package io.agentkeel.api;

/**
 * A done criterion: checks a final answer before it is routed. A failed validation goes back to the
 * model with the problems, up to the workflow's retry limit. A validator that throws or runs out of
 * time counts as a failed validation.
 */
public interface OutputValidator {

  /**
   * Checks an answer.
   *
   * @param answer the model's final answer
   * @param context the run it answers
   * @return valid, or the problems found
   */
  ValidationResult validate(String answer, RunContext context);
}
