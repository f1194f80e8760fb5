package io.agentkeel.observability.internal;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import java.util.List;

/**
 * Runs output filters over a text, in order, each on the previous one's output. A filter that
 * throws fails closed: the text is withheld, as the agent itself does.
 */
public final class TextFilter {

  /** What a withheld text is replaced by. */
  public static final String WITHHELD = "[withheld]";

  private final List<OutputFilter> filters;

  /**
   * Creates the chain.
   *
   * @param filters the filters, in order; empty for none
   */
  public TextFilter(List<OutputFilter> filters) {
    this.filters = List.copyOf(filters);
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
    if (text == null || filters.isEmpty()) {
      return text;
    }
    String current = text;
    for (OutputFilter filter : filters) {
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
