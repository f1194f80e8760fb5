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

  /**
   * Stores one event of a run, told which run it belongs to: its task, principal and tenant, also
   * when the run did not begin with {@link AgentEvent.TaskStarted}, such as a run resumed after a
   * review or continued from its journal in another process. The agent calls this method; by
   * default it stores the event as {@link #append(AgentEvent)} does.
   *
   * @param event the event
   * @param context the run the event belongs to
   * @throws RuntimeException if the event could not be stored
   */
  default void append(AgentEvent event, RunContext context) {
    append(event);
  }
}
