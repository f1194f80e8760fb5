package io.agentkeel.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A kind of work an agent does, defined before any model is chosen: what starts it, what it needs
 * to know, which tools it may use, when it is done, and how sure it must be to finish alone.
 *
 * <p>The agent checks {@link #requiredAttributes()} before calling the model and reports what is
 * missing rather than letting the model guess. Build one with {@link #builder(String)}.
 *
 * @param name unique name, referred to by {@link Task#workflow()}
 * @param trigger what starts this workflow, in words (for people and reports)
 * @param instructions the system instructions given to the model
 * @param requiredAttributes task attributes that must be present before the model is called
 * @param allowedTools names of the tools this workflow may use; {@link #ALL_TOOLS} allows every
 *     registered tool (scopes are enforced either way)
 * @param validators the done criteria: each must accept the final answer
 * @param toolResultLimits per-tool limits on the result size fed back to the model, overriding the
 *     budget's {@code maxToolResultChars}
 * @param thresholds confidence thresholds for routing the answer
 * @param budget the loop's bounds
 */
public record Workflow(
    String name,
    String trigger,
    String instructions,
    List<String> requiredAttributes,
    Set<String> allowedTools,
    List<OutputValidator> validators,
    ConfidenceThresholds thresholds,
    LoopBudget budget,
    Map<String, Integer> toolResultLimits) {

  /** The name of the workflow a task gets when it names none. */
  public static final String DEFAULT_NAME = "default";

  /**
   * The name of the workflow in the {@link RunContext} of a task that names a workflow the agent
   * does not know. Such a task ends {@link FailureCategory#INVALID_TASK} before it runs, naming the
   * workflow it asked for; its context carries this one name, so that what listeners key by
   * workflow (metric tags, span names) stays bounded whatever names callers send. No workflow an
   * agent is given may have it.
   */
  public static final String UNKNOWN_NAME = "_unknown";

  /** The entry of {@link #allowedTools()} that allows every registered tool. */
  public static final String ALL_TOOLS = "*";

  /**
   * Validates the workflow.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the name is blank
   */
  public Workflow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(budget, "budget");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a workflow needs a name");
    }
    requiredAttributes = List.copyOf(requiredAttributes);
    allowedTools = Set.copyOf(allowedTools);
    validators = List.copyOf(validators);
    toolResultLimits = Map.copyOf(toolResultLimits);
    toolResultLimits.forEach((tool, limit) -> {
      if (limit < 1) {
        throw new IllegalArgumentException(
            "the result limit of tool '" + tool + "' must be positive, got " + limit);
      }
    });
  }

  /**
   * A workflow without per-tool result limits.
   *
   * @param name its unique name
   * @param trigger what starts it, in words
   * @param instructions the system instructions
   * @param requiredAttributes task attributes needed before the model is called
   * @param allowedTools the tools it may use
   * @param validators done criteria
   * @param thresholds confidence thresholds
   * @param budget the loop's bounds
   */
  public Workflow(
      String name,
      String trigger,
      String instructions,
      List<String> requiredAttributes,
      Set<String> allowedTools,
      List<OutputValidator> validators,
      ConfidenceThresholds thresholds,
      LoopBudget budget) {
    this(
        name,
        trigger,
        instructions,
        requiredAttributes,
        allowedTools,
        validators,
        thresholds,
        budget,
        Map.of());
  }

  /**
   * The longest result of a tool fed back to the model: its own limit, else the budget's.
   *
   * @param toolName the tool's name
   * @return the limit in characters
   */
  public int toolResultLimit(String toolName) {
    Integer own = toolResultLimits.get(toolName);
    return own != null ? own : budget.maxToolResultChars();
  }

  /**
   * Tells whether this workflow may use a tool.
   *
   * @param toolName the tool's name
   * @return whether it is allowed
   */
  public boolean allowsTool(String toolName) {
    return allowedTools.contains(ALL_TOOLS) || allowedTools.contains(toolName);
  }

  /**
   * The default workflow: all tools, default thresholds and budget, no required attributes.
   *
   * @return the default workflow
   */
  public static Workflow defaults() {
    return builder(DEFAULT_NAME).build();
  }

  /**
   * Starts a workflow.
   *
   * @param name its unique name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Workflow}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private String trigger = "a task naming this workflow";
    private String instructions = "You are a careful assistant. Use the tools when they help.";
    private final List<String> requiredAttributes = new ArrayList<>();
    private final Set<String> allowedTools = new LinkedHashSet<>(Set.of(ALL_TOOLS));
    private final List<OutputValidator> validators = new ArrayList<>();
    private ConfidenceThresholds thresholds = ConfidenceThresholds.DEFAULT;
    private LoopBudget budget = LoopBudget.DEFAULT;
    private final Map<String, Integer> toolResultLimits = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Says what starts this workflow.
     *
     * @param trigger the trigger, in words
     * @return this builder
     */
    public Builder trigger(String trigger) {
      this.trigger = trigger;
      return this;
    }

    /**
     * Sets the system instructions for the model.
     *
     * @param instructions the instructions
     * @return this builder
     */
    public Builder instructions(String instructions) {
      this.instructions = instructions;
      return this;
    }

    /**
     * Names task attributes that must be present before the model is called.
     *
     * @param names attribute names
     * @return this builder
     */
    public Builder requires(String... names) {
      requiredAttributes.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Restricts the workflow to these tools (replacing the default of all tools).
     *
     * @param toolNames tool names
     * @return this builder
     */
    public Builder allowTools(String... toolNames) {
      allowedTools.clear();
      allowedTools.addAll(Arrays.asList(toolNames));
      return this;
    }

    /**
     * Adds a done criterion.
     *
     * @param validator a validator the final answer must pass
     * @return this builder
     */
    public Builder validator(OutputValidator validator) {
      validators.add(Objects.requireNonNull(validator, "validator"));
      return this;
    }

    /**
     * Sets the confidence thresholds.
     *
     * @param thresholds the thresholds
     * @return this builder
     */
    public Builder thresholds(ConfidenceThresholds thresholds) {
      this.thresholds = thresholds;
      return this;
    }

    /**
     * Sets the loop's bounds.
     *
     * @param budget the budget
     * @return this builder
     */
    public Builder budget(LoopBudget budget) {
      this.budget = budget;
      return this;
    }

    /**
     * Sets the longest result of one tool fed back to the model, overriding {@link
     * LoopBudget#maxToolResultChars()} for that tool; longer results are truncated with a marker.
     *
     * @param toolName the tool's name
     * @param chars a positive number of characters
     * @return this builder
     */
    public Builder toolResultLimit(String toolName, int chars) {
      toolResultLimits.put(Objects.requireNonNull(toolName, "toolName"), chars);
      return this;
    }

    /**
     * Builds the workflow.
     *
     * @return the workflow
     */
    public Workflow build() {
      return new Workflow(
          name,
          trigger,
          instructions,
          requiredAttributes,
          allowedTools,
          validators,
          thresholds,
          budget,
          toolResultLimits);
    }
  }
}
