package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one run's events: in the trace, to every listener (whose failures are logged and ignored)
 * and to every audit sink (whose failure stops the task, so nothing runs unaudited).
 */
final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final List<AgentEvent> trace = new ArrayList<>();
  private final List<AgentEventListener> listeners;
  private final List<AuditSink> auditSinks;
  private final RunContext context;
  private RuntimeException auditFailure;

  EventRecorder(
      List<AgentEventListener> listeners, List<AuditSink> auditSinks, RunContext context) {
    this.listeners = listeners;
    this.auditSinks = auditSinks;
    this.context = context;
  }

  void emit(AgentEvent event) {
    trace.add(event);
    for (AuditSink sink : auditSinks) {
      try {
        sink.append(event);
      } catch (RuntimeException e) {
        if (auditFailure == null) {
          auditFailure = e;
        }
        LOG.error(
            "audit sink {} could not store a {} event of task {}: {}",
            sink.getClass().getName(),
            event.getClass().getSimpleName(),
            event.taskId(),
            e.getClass().getName());
      }
    }
    for (AgentEventListener listener : listeners) {
      try {
        listener.onEvent(event, context);
      } catch (RuntimeException e) {
        LOG.warn(
            "event listener {} failed on a {} event: {}",
            listener.getClass().getName(),
            event.getClass().getSimpleName(),
            e.getClass().getName());
      }
    }
  }

  Optional<RuntimeException> auditFailure() {
    return Optional.ofNullable(auditFailure);
  }

  List<AgentEvent> trace() {
    return trace;
  }
}
