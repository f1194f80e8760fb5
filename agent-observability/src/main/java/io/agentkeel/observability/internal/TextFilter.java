package io.agentkeel.observability.internal;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import java.util.Collection;
import java.util.List;

/**
 * Runs output filters over a text, in order, each on the previous one's output. A filter that
 * throws fails closed: the text is withheld, as the agent itself does.
 */
public final class TextFilter {

  /** What a withheld text is replaced by. */
  public static final String WITHHELD = "[withheld]";

  private final boolean fromAgent;
  private volatile List<OutputFilter> filters;

  /**
   * Creates the chain.
   *
   * @param filters the filters, in order; empty for none
   */
  public TextFilter(List<OutputFilter> filters) {
    this.filters = List.copyOf(filters);
    this.fromAgent = false;
  }

  private TextFilter() {
    this.filters = List.of();
    this.fromAgent = true;
  }

  /**
   * A chain of the agent's filters, given by {@link #useAgentFilters} when the agent is created;
   * none until then.
   *
   * @return the chain
   */
  public static TextFilter fromAgent() {
    return new TextFilter();
  }

  /**
   * Takes the filters of the agent this chain's observability is installed in, in the agent's
   * order; for a chain made by {@link #fromAgent()} only.
   *
   * @param agentFilters the agent's output filters
   * @throws IllegalStateException if the chain was given its filters when made
   */
  public void useAgentFilters(Collection<OutputFilter> agentFilters) {
    if (!fromAgent) {
      throw new IllegalStateException("this chain was given its filters when it was made");
    }
    this.filters = List.copyOf(agentFilters);
  }

  /**
   * Whether there are no filters.
   *
   * @return true when {@link #apply} returns its input
   */
  public boolean isEmpty() {
    return filters.isEmpty();
  }

  /**
   * Filters a text.
   *
   * @param text the text; null passes through
   * @param channel where it goes
   * @param context the run, when known
   * @return the filtered text, or {@link #WITHHELD} if a filter failed
   */
  public String apply(String text, OutputChannel channel, RunContext context) {
    List<OutputFilter> chain = filters;
    if (text == null || chain.isEmpty()) {
      return text;
    }
    String current = text;
    for (OutputFilter filter : chain) {
      try {
        current = filter.filter(current, channel, context);
      } catch (RuntimeException e) {
        return WITHHELD;
      }
      if (current == null) {
        return WITHHELD;
      }
    }
    return current;
  }
}
