package io.agentkeel.reliability;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An audit sink that keeps the events of each task, and can forget them so that a fuzz run of
 * millions of tasks does not grow the heap.
 */
final class RecordingAudit implements AuditSink {
  private final Map<String, List<AgentEvent>> byTask = new ConcurrentHashMap<>();
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();

  @Override
  public void append(AgentEvent event) {
    appended.incrementAndGet();
    if (event instanceof AgentEvent.TaskFinished) {
      finished.incrementAndGet();
    }
    List<AgentEvent> events = byTask.computeIfAbsent(event.taskId(), id -> new ArrayList<>());
    synchronized (events) {
      events.add(event);
    }
  }

  List<AgentEvent> events(String taskId) {
    List<AgentEvent> events = byTask.getOrDefault(taskId, List.of());
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Every event of every task, in no particular order across tasks. */
  List<AgentEvent> all() {
    List<AgentEvent> all = new ArrayList<>();
    byTask.keySet().forEach(id -> all.addAll(events(id)));
    return all;
  }

  void forget(String taskId) {
    byTask.remove(taskId);
  }

  /** Every event ever appended, forgotten or not. */
  long appended() {
    return appended.get();
  }

  /** Every TaskFinished ever appended, forgotten or not. */
  long finished() {
    return finished.get();
  }

  int tasks() {
    return byTask.size();
  }
}
