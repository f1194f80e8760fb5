package io.agentkeel.api;

/**
 * Keeps the audit log: every event of every task, durably and in order per task. Unlike an {@link
 * AgentEventListener}, a sink must not drop anything: {@link #append} returns only once the event
 * is stored, and throws if it cannot be.
 *
 * <p>The log is write-ahead: before a write or destructive tool call runs, its intent ({@link
 * AgentEvent.ToolIntended}) is appended, and the call runs only if that append returned. A sink
 * that buffers must force an intent to storage before returning. Every text field has passed the
 * output filters. Called on the task's thread within its time budget.
 */
public interface AuditSink extends Lifecycle {

  /**
   * Stores one event.
   *
   * @param event the event
   * @throws RuntimeException if the event could not be stored
   */
  void append(AgentEvent event);
}
