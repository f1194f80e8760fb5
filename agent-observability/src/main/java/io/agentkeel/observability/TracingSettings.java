package io.agentkeel.observability;

import java.util.Objects;

/**
 * Settings of tracing, bound from {@code observability.tracing.*}.
 *
 * @param enabled whether spans are made ({@code observability.tracing.enabled})
 * @param captureContent whether tool arguments and results, and reasoning summaries, go on spans,
 *     after the output filters ({@code observability.tracing.capture-content}); off by default
 * @param agentName the {@code gen_ai.agent.name} of every {@code invoke_agent} span ({@code
 *     observability.tracing.agent-name}); empty to use the workflow's name
 */
public record TracingSettings(boolean enabled, boolean captureContent, String agentName) {

  /** The defaults: on, no content, the workflow's name as agent name. */
  public static final TracingSettings DEFAULTS = new TracingSettings(true, false, "");

  /**
   * Checks for null.
   *
   * @throws NullPointerException if {@code agentName} is null
   */
  public TracingSettings {
    Objects.requireNonNull(agentName, "agentName");
  }
}
