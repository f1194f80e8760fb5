package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolFailureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one run's events: in the trace, to every audit sink (whose failure stops the task, so
 * nothing runs unaudited) and to every listener (whose failures are logged and ignored). Text
 * fields pass the output filters on the {@link OutputChannel#EVENT} channel, and tool names have
 * their control characters escaped, before anyone sees the event.
 *
 * <p>The recorder ends once: with the run's own {@code TaskFinished}, or when the run is abandoned
 * and the supervisor {@linkplain #closeForAbandon takes it over}. After that, nothing the run emits
 * is recorded, so the trail always ends with the one outcome.
 */
final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final List<AgentEvent> trace = new ArrayList<>();
  private final List<AgentEventListener> listeners;
  private final List<AuditSink> auditSinks;
  private final OutputFilters filters;
  private final RunContext context;
  private final ReentrantLock lock = new ReentrantLock();
  private Throwable auditFailure;
  private boolean ended;
  private volatile boolean abandoned;

  EventRecorder(
      List<AgentEventListener> listeners,
      List<AuditSink> auditSinks,
      OutputFilters filters,
      RunContext context) {
    this.listeners = listeners;
    this.auditSinks = auditSinks;
    this.filters = filters;
    this.context = context;
  }

  RunContext context() {
    return context;
  }

  /**
   * Records an event.
   *
   * @return whether it was recorded; false once the recorder has ended
   */
  boolean emit(AgentEvent event) {
    lock.lock();
    try {
      if (ended || abandoned) {
        return false;
      }
      deliver(event);
      if (event instanceof AgentEvent.TaskFinished) {
        ended = true;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void deliver(AgentEvent raw) {
    AgentEvent event = clean(raw);
    trace.add(event);
    for (AuditSink sink : auditSinks) {
      Containment.Result<Object> stored =
          Containment.call(() -> {
            sink.append(event, context);
            return null;
          });
      if (stored instanceof Containment.Threw<Object> threw) {
        if (auditFailure == null) {
          auditFailure = threw.failure();
        }
        LOG.error(
            "audit sink {} could not store a {} event of task {}: {}",
            sink.getClass().getName(),
            event.getClass().getSimpleName(),
            PrintableText.escape(event.taskId()),
            threw.failure().getClass().getName());
      }
    }
    for (AgentEventListener listener : listeners) {
      Containment.run("event listener", listener, () -> listener.onEvent(event, context));
    }
  }

  /**
   * Ends the recorder on behalf of a supervisor that abandons the run: waits up to {@code
   * waitNanos} for an event being delivered, then records the given final events.
   *
   * @return the trace with the final events, or empty if the run ended first or the recorder could
   *     not be taken in time
   */
  Optional<List<AgentEvent>> closeForAbandon(List<AgentEvent> finals, long waitNanos) {
    boolean locked;
    try {
      locked = lock.tryLock(waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (!locked) {
      return Optional.empty();
    }
    try {
      if (ended) {
        return Optional.empty();
      }
      ended = true;
      abandoned = true;
      finals.forEach(this::deliver);
      return Optional.of(List.copyOf(trace));
    } finally {
      lock.unlock();
    }
  }

  /** A copy of the trace so far, if it can be read within the wait; else the events seen. */
  List<AgentEvent> snapshot(long waitNanos) {
    try {
      if (lock.tryLock(waitNanos, TimeUnit.NANOSECONDS)) {
        try {
          return List.copyOf(trace);
        } finally {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of();
  }

  /** Whether the supervisor took the run over; the run's own result is then ignored. */
  boolean abandoned() {
    return abandoned;
  }

  /** Marks the run abandoned without taking the recorder, for a supervisor that cannot wait. */
  void markAbandoned() {
    abandoned = true;
  }

  Optional<Throwable> auditFailure() {
    lock.lock();
    try {
      return Optional.ofNullable(auditFailure);
    } finally {
      lock.unlock();
    }
  }

  List<AgentEvent> trace() {
    lock.lock();
    try {
      return List.copyOf(trace);
    } finally {
      lock.unlock();
    }
  }

  /** The event with its text fields filtered and its names escaped. */
  private AgentEvent clean(AgentEvent event) {
    return switch (event) {
      case AgentEvent.ToolCalled e ->
          new AgentEvent.ToolCalled(
              e.taskId(),
              e.at(),
              PrintableText.escape(e.tool()),
              text(e.argumentsJson()),
              e.latency());
      case AgentEvent.ToolFailed e ->
          new AgentEvent.ToolFailed(
              e.taskId(),
              e.at(),
              // Refused before the tool was found, the name is the model's own text.
              e.kind() == ToolFailureKind.UNKNOWN_TOOL
                      || e.kind() == ToolFailureKind.INVALID_ARGUMENTS
                  ? text(PrintableText.escape(e.tool()))
                  : PrintableText.escape(e.tool()),
              text(e.argumentsJson()),
              e.kind(),
              text(e.reason()),
              e.latency());
      case AgentEvent.ToolIntended e ->
          new AgentEvent.ToolIntended(
              e.taskId(),
              e.at(),
              PrintableText.escape(e.tool()),
              // The model chose the call's id: free text like its arguments.
              text(PrintableText.escape(e.callId())),
              e.sideEffect(),
              text(e.argumentsJson()));
      case AgentEvent.GuardDecision e ->
          new AgentEvent.GuardDecision(
              e.taskId(),
              e.at(),
              e.guard(),
              PrintableText.escape(e.subject()),
              e.action(),
              text(e.reason()),
              e.score());
      case AgentEvent.RateLimitHit e ->
          new AgentEvent.RateLimitHit(
              e.taskId(),
              e.at(),
              e.kind(),
              PrintableText.escape(e.name()),
              e.cost(),
              e.retryAfter(),
              text(e.reason()));
      case AgentEvent.LimitReached e ->
          new AgentEvent.LimitReached(e.taskId(), e.at(), e.limit(), text(e.detail()));
      case AgentEvent.RetryScheduled e ->
          new AgentEvent.RetryScheduled(
              e.taskId(), e.at(), e.attempt(), e.reasons().stream().map(this::text).toList());
      case AgentEvent.Routed e ->
          new AgentEvent.Routed(
              e.taskId(),
              e.at(),
              new Confidence(e.confidence().value(), text(e.confidence().summary())),
              e.route());
      case AgentEvent.ModelFailed e ->
          new AgentEvent.ModelFailed(
              e.taskId(), e.at(), e.model(), e.kind(), text(e.reason()), e.latency());
      default -> event;
    };
  }

  private String text(String value) {
    return filters.isEmpty() ? value : filters.filter(value, OutputChannel.EVENT, context);
  }
}
