package io.agentkeel.api;

/**
 * Receives every event as it happens, for metrics, tracing and decision logs. Called on the task's
 * thread, so it must be quick; an exception it throws is logged and does not affect the task.
 */
public interface AgentEventListener {

  /**
   * Receives one event.
   *
   * @param event the event
   */
  void onEvent(AgentEvent event);
}
