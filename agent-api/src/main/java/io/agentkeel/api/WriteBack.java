package io.agentkeel.api;

/**
 * Told once at the end of every run, with its outcome and filtered answer, so that memory can keep
 * what is worth keeping: session turns, task state, facts. Core's default appends the input and a
 * completed answer to the session. Runs on the task's thread within its time budget; a failure is
 * logged and never changes the outcome.
 */
@Experimental
public interface WriteBack {

  /**
   * Receives the end of a run.
   *
   * @param end the outcome, input and filtered answer
   * @param context the run
   */
  void taskEnded(TaskEnd end, RunContext context);
}
