package io.agentkeel.api;

/**
 * Keeps the audit log: every event of every task, durably and in order per task. Unlike a {@link
 * AgentEventListener}, a sink must not drop anything: {@link #append} returns only once the event
 * is stored, and throws if it cannot be, in which case the task fails rather than going on
 * unaudited.
 */
public interface AuditSink {

  /**
   * Stores one event.
   *
   * @param event the event
   * @throws RuntimeException if the event could not be stored
   */
  void append(AgentEvent event);
}
