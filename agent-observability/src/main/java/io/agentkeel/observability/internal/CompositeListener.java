package io.agentkeel.observability.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.RunContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listener observability registers: remembers the task, then feeds tracing first (so the
 * decision log can name the run's span), metrics, and the decision log. A part that throws is
 * logged and does not stop the others.
 */
public final class CompositeListener implements AgentEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeListener.class);

  private final TaskIndex tasks;
  private final AgentEventListener[] parts;
  private final Runnable onClose;

  /**
   * Creates the listener.
   *
   * @param tasks where tasks are remembered for feedback
   * @param parts the parts, in order
   * @param onClose what to run on close
   */
  public CompositeListener(TaskIndex tasks, List<AgentEventListener> parts, Runnable onClose) {
    this.tasks = tasks;
    this.parts = parts.toArray(AgentEventListener[]::new);
    this.onClose = onClose;
  }

  @Override
  public void onEvent(AgentEvent event, RunContext context) {
    // The events a run can begin with: a first run, a resume after review, a recovery from the
    // journal (perhaps the first this process sees of the task).
    if (event instanceof AgentEvent.TaskStarted
        || event instanceof AgentEvent.ReviewDecided
        || event instanceof AgentEvent.TaskRecovered) {
      tasks.seen(context);
    } else if (RunTracer.isDuplicate(event)) {
      tasks.refused(context);
    }
    for (AgentEventListener part : parts) {
      try {
        part.onEvent(event, context);
      } catch (RuntimeException e) {
        LOG.warn(
            "observability's {} failed on a {} event: {}",
            part.getClass().getSimpleName(),
            event.getClass().getSimpleName(),
            e.getClass().getName());
      }
    }
  }

  @Override
  public void flush() {
    for (AgentEventListener part : parts) {
      part.flush();
    }
  }

  @Override
  public void close() {
    for (AgentEventListener part : parts) {
      part.close();
    }
    onClose.run();
  }
}
