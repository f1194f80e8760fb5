package io.agentkeel.core.internal;

import io.agentkeel.api.TokenUsage;

/**
 * What a run has counted so far; stored as is in a suspended state, so that a resumed run goes on
 * counting where it stopped.
 *
 * @param steps model calls made
 * @param inputTokens input tokens used
 * @param outputTokens output tokens used
 * @param toolErrors failed tool calls
 * @param retries repeated model calls (fallbacks, corrected arguments)
 * @param failedValidations failed validations of the answer
 */
record RunCounters(
    int steps,
    long inputTokens,
    long outputTokens,
    int toolErrors,
    int retries,
    int failedValidations) {

  static final RunCounters ZERO = new RunCounters(0, 0, 0, 0, 0, 0);

  TokenUsage tokens() {
    return new TokenUsage(inputTokens, outputTokens);
  }

  RunCounters step() {
    return new RunCounters(
        steps + 1, inputTokens, outputTokens, toolErrors, retries, failedValidations);
  }

  RunCounters plus(TokenUsage used) {
    return new RunCounters(
        steps,
        inputTokens + used.input(),
        outputTokens + used.output(),
        toolErrors,
        retries,
        failedValidations);
  }

  RunCounters toolError() {
    return new RunCounters(
        steps, inputTokens, outputTokens, toolErrors + 1, retries, failedValidations);
  }

  RunCounters retried(int times) {
    return new RunCounters(
        steps, inputTokens, outputTokens, toolErrors, retries + times, failedValidations);
  }

  RunCounters failedValidation() {
    return new RunCounters(
        steps, inputTokens, outputTokens, toolErrors, retries, failedValidations + 1);
  }
}
