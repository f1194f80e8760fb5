package io.agentkeel.observability;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the metrics, bound from {@code observability.metrics.*}. While the decision log is on
 * and asynchronous (the default), metrics are recorded on its background thread, at most about 20
 * ms after their event; {@code Observability.listener().flush()} returns once every earlier event
 * is counted.
 *
 * @param enabled whether metrics are recorded ({@code observability.metrics.enabled})
 * @param offeredTools comma-separated names of tools offered to the model, so that tools never
 *     called show up with zero calls ({@code observability.metrics.offered-tools}); added to a
 *     workflow's explicitly allowed tools and to the tools found with {@link
 *     java.util.ServiceLoader}
 * @param discoverTools whether the tools of {@code ToolProvider}s found with {@link
 *     java.util.ServiceLoader} count as offered ({@code observability.metrics.discover-tools})
 */
public record MetricsSettings(boolean enabled, String offeredTools, boolean discoverTools) {

  /** The defaults: on, no extra tools, discovered tools count as offered. */
  public static final MetricsSettings DEFAULTS = new MetricsSettings(true, "", true);

  /**
   * Checks for null.
   *
   * @throws NullPointerException if {@code offeredTools} is null
   */
  public MetricsSettings {
    Objects.requireNonNull(offeredTools, "offeredTools");
  }

  /**
   * The offered tools as a list.
   *
   * @return the names, trimmed, without blanks
   */
  public List<String> offeredToolNames() {
    return Arrays.stream(offeredTools.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
