package io.agentkeel.api;

/**
 * Turns what is known about an answer into a confidence, which the workflow's thresholds route to
 * completion, review or escalation. The default takes the model's reported confidence and lowers it
 * for tool errors, retries and failed validations. A scorer that throws or runs out of time scores
 * zero, which escalates.
 */
public interface ConfidenceScorer {

  /**
   * Scores an answer.
   *
   * @param signals how the answer came about
   * @param context the run
   * @return the confidence, in [0, 1]
   */
  Confidence score(ConfidenceSignals signals, RunContext context);
}
