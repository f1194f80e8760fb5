package io.agentkeel.core.internal;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import java.util.List;
import java.util.Optional;

/**
 * The output filters as one: each runs on the previous one's output, and one that throws withholds
 * the text (fails closed). Thread-safe.
 */
final class OutputFilters {

  /** What came of filtering one text: the text, and which filter changed or withheld it. */
  record Filtered(String text, List<String> changedBy, Optional<String> failedFilter) {}

  private final List<OutputFilter> filters;

  OutputFilters(List<OutputFilter> filters) {
    this.filters = List.copyOf(filters);
  }

  boolean isEmpty() {
    return filters.isEmpty();
  }

  /** Filters a text, telling what happened. */
  Filtered apply(String text, OutputChannel channel, RunContext context) {
    if (filters.isEmpty() || text == null || text.isEmpty()) {
      return new Filtered(text == null ? "" : text, List.of(), Optional.empty());
    }
    String current = text;
    List<String> changedBy = List.of();
    for (OutputFilter filter : filters) {
      String before = current;
      String name =
          Containment.orElse(
              "output filter", filter.getClass().getName(), filter::name, () -> "unnamed");
      String after =
          Containment.orElse(
              "output filter", name, () -> filter.filter(before, channel, context), () -> null);
      if (after == null) {
        return new Filtered(
            "[withheld: output filter " + name + " failed]", changedBy, Optional.of(name));
      }
      if (!after.equals(before)) {
        changedBy = append(changedBy, name);
      }
      current = after;
    }
    return new Filtered(current, changedBy, Optional.empty());
  }

  /** Filters a text; the text alone. */
  String filter(String text, OutputChannel channel, RunContext context) {
    return apply(text, channel, context).text();
  }

  private static List<String> append(List<String> list, String item) {
    java.util.ArrayList<String> copy = new java.util.ArrayList<>(list);
    copy.add(item);
    return copy;
  }
}
