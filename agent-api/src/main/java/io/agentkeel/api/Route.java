package io.agentkeel.api;

/** Where a finished answer goes, decided by its confidence and the workflow's thresholds. */
public enum Route {
  /** Confident enough: the task completes. */
  AUTO_COMPLETE,
  /** Between the thresholds: a person reviews the answer at normal priority. */
  REVIEW,
  /** Below the lower threshold: escalated to a person at high priority. */
  ESCALATE
}
