package io.agentkeel.security;

import io.agentkeel.api.TextSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The injection policy per source, with overrides per workflow. Defaults: user input is blocked
 * from 0.8 and flagged from 0.5; tool results and recalled memories are allowed, spotlighted and
 * flagged from 0.5 (so that one poisoned e-mail does not fail a task, while the model is told not
 * to follow it).
 *
 * <p>Immutable and thread-safe.
 */
public final class InjectionPolicies {
  private final Map<TextSource, InjectionPolicy> defaults;
  private final Map<String, Map<TextSource, InjectionPolicy>> perWorkflow;

  private InjectionPolicies(
      Map<TextSource, InjectionPolicy> defaults,
      Map<String, Map<TextSource, InjectionPolicy>> perWorkflow) {
    this.defaults = Map.copyOf(defaults);
    Map<String, Map<TextSource, InjectionPolicy>> copy = new HashMap<>();
    perWorkflow.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    this.perWorkflow = Map.copyOf(copy);
  }

  /**
   * The defaults described above.
   *
   * @return the policies
   */
  public static InjectionPolicies defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The policy for a source in a workflow.
   *
   * @param workflow the workflow's name
   * @param source the text's source
   * @return the workflow's override, else the source's default
   */
  public InjectionPolicy policy(String workflow, TextSource source) {
    Map<TextSource, InjectionPolicy> w = perWorkflow.get(workflow);
    if (w != null && w.containsKey(source)) {
      return w.get(source);
    }
    return defaults.get(source);
  }

  /** Builds {@link InjectionPolicies}. */
  public static final class Builder {
    private final Map<TextSource, InjectionPolicy> defaults = new EnumMap<>(TextSource.class);
    private final Map<String, Map<TextSource, InjectionPolicy>> perWorkflow = new HashMap<>();

    private Builder() {
      defaults.put(
          TextSource.USER_INPUT, new InjectionPolicy(InjectionPolicy.Action.BLOCK, 0.8, 0.5));
      defaults.put(
          TextSource.TOOL_RESULT, new InjectionPolicy(InjectionPolicy.Action.FLAG, 0.5, 0.5));
      defaults.put(
          TextSource.RECALLED_MEMORY, new InjectionPolicy(InjectionPolicy.Action.FLAG, 0.5, 0.5));
    }

    /**
     * Sets the default policy of a source.
     *
     * @param source the source
     * @param policy the policy
     * @return this builder
     */
    public Builder source(TextSource source, InjectionPolicy policy) {
      defaults.put(Objects.requireNonNull(source), Objects.requireNonNull(policy));
      return this;
    }

    /**
     * Sets the policy of a source in one workflow.
     *
     * @param workflow the workflow's name
     * @param source the source
     * @param policy the policy
     * @return this builder
     */
    public Builder workflow(String workflow, TextSource source, InjectionPolicy policy) {
      perWorkflow
          .computeIfAbsent(Objects.requireNonNull(workflow), k -> new EnumMap<>(TextSource.class))
          .put(Objects.requireNonNull(source), Objects.requireNonNull(policy));
      return this;
    }

    /**
     * Builds the policies.
     *
     * @return the policies
     */
    public InjectionPolicies build() {
      return new InjectionPolicies(defaults, perWorkflow);
    }
  }
}
