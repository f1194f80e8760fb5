package io.agentkeel.observability.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
  private final Optional<TextFilter> agentFilters;

  /**
   * Creates the listener.
   *
   * @param tasks where tasks are remembered for feedback
   * @param parts the parts, in order
   * @param onClose what to run on close
   * @param agentFilters the chain that takes the agent's output filters when observability was
   *     given none; empty when it was
   */
  public CompositeListener(
      TaskIndex tasks,
      List<AgentEventListener> parts,
      Runnable onClose,
      Optional<TextFilter> agentFilters) {
    this.tasks = tasks;
    this.parts = parts.toArray(AgentEventListener[]::new);
    this.onClose = onClose;
    this.agentFilters = agentFilters;
  }

  /**
   * Receives every output filter installed in the agent, in the agent's order, as the agent is
   * created: the agent's injector calls this method of the listener registered with it. Identities
   * and feedback comments, which are not event text and so not filtered by the agent, then pass
   * through them. Installed in several agents, the last one's filters are used.
   *
   * @param filters the agent's output filters
   */
  @Inject
  public void agentFilters(Set<OutputFilter> filters) {
    agentFilters.ifPresent(chain -> chain.useAgentFilters(filters));
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
