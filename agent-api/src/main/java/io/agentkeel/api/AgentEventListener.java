package io.agentkeel.api;

/**
 * Receives every event as it happens, for metrics, tracing and decision logs. Called on the task's
 * thread within its time budget, so it must be quick; an exception it throws is logged and does not
 * affect the task. Every text field has passed the output filters.
 */
public interface AgentEventListener extends Lifecycle {

  /**
   * Receives one event.
   *
   * @param event the event
   * @param context the run it belongs to
   */
  void onEvent(AgentEvent event, RunContext context);
}
