package io.agentkeel.core;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An audit sink held in this process's memory, for tests and development: every event of every
 * task, in order per task, until the process stops. Unbounded: do not use it in production, where
 * an audit log belongs in durable storage. Thread-safe.
 */
public final class InMemoryAuditSink implements AuditSink {
  private final ConcurrentHashMap<String, List<AgentEvent>> byTask = new ConcurrentHashMap<>();

  /** Creates an empty sink. */
  public InMemoryAuditSink() {}

  @Override
  public void append(AgentEvent event) {
    Objects.requireNonNull(event, "event");
    List<AgentEvent> events = byTask.computeIfAbsent(event.taskId(), id -> new ArrayList<>());
    synchronized (events) {
      events.add(event);
    }
  }

  /**
   * The stored events of one task, in the order they were appended.
   *
   * @param taskId the task
   * @return a copy; empty for an unknown task
   */
  public List<AgentEvent> events(String taskId) {
    List<AgentEvent> events = byTask.get(taskId);
    if (events == null) {
      return List.of();
    }
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
