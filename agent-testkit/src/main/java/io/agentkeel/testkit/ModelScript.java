package io.agentkeel.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The replies a scripted model gives, in order: the script shared by {@link ScriptedChatModel} (in
 * process) and {@link ScriptedOpenAiServer} (over HTTP). Each model call takes the next step; a
 * call after the last step fails with "script exhausted".
 *
 * <p>Every reply reports {@link #INPUT_TOKENS_PER_REPLY} input and {@link #OUTPUT_TOKENS_PER_REPLY}
 * output tokens, so token accounting can be asserted.
 *
 * {@snippet class="io.agentkeel.testkit.snippets.TestKitSnippets" region="model-script"}
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ModelScript {

  /** Input tokens that every scripted reply reports. */
  public static final int INPUT_TOKENS_PER_REPLY = 10;

  /** Output tokens that every scripted reply reports. */
  public static final int OUTPUT_TOKENS_PER_REPLY = 5;

  private final List<ModelStep> steps;

  private ModelScript(List<ModelStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Starts a script.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes a script of the given steps.
   *
   * @param steps the replies, in order
   * @return the script
   * @throws NullPointerException if a step is null
   */
  public static ModelScript of(ModelStep... steps) {
    return new ModelScript(List.of(steps));
  }

  /**
   * The steps, in order.
   *
   * @return an unmodifiable list
   */
  public List<ModelStep> steps() {
    return steps;
  }

  /**
   * How many replies the script holds.
   *
   * @return the number of steps
   */
  public int size() {
    return steps.size();
  }

  @Override
  public String toString() {
    return "ModelScript" + steps;
  }

  /** Builds a {@link ModelScript} step by step. Not thread-safe; the script it builds is. */
  public static final class Builder {
    private final List<ModelStep> steps = new ArrayList<>();
    private Duration nextDelay = Duration.ZERO;

    private Builder() {}

    /**
     * Delays the next step added: the model waits this long before giving it.
     *
     * @param delay how long; not negative
     * @return this builder
     * @throws IllegalArgumentException if the delay is negative
     */
    public Builder after(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("a step's delay must not be negative, was " + delay);
      }
      this.nextDelay = delay;
      return this;
    }

    /**
     * Adds a final answer in the JSON format the agent loop reads.
     *
     * @param answer the answer text
     * @param confidence the model's confidence, within [0, 1]
     * @param reasoningSummary a short reasoning summary; may be empty
     * @return this builder
     * @throws IllegalArgumentException if the confidence is outside [0, 1]
     * @see ModelStep#answer(String, double, String)
     */
    public Builder answer(String answer, double confidence, String reasoningSummary) {
      return step(ModelStep.answer(answer, confidence, reasoningSummary));
    }

    /**
     * Adds a reply whose text is given as is.
     *
     * @param text the reply's text
     * @return this builder
     * @see ModelStep#text(String)
     */
    public Builder text(String text) {
      return step(ModelStep.text(text));
    }

    /**
     * Adds a reply that asks for one tool call.
     *
     * @param name the tool's name
     * @param argumentsJson the arguments as JSON text, passed on unchecked
     * @return this builder
     */
    public Builder toolCall(String name, String argumentsJson) {
      return step(ModelStep.toolCall(name, argumentsJson));
    }

    /**
     * Adds a reply that asks for several tool calls at once; see {@link ModelStep#call}.
     *
     * @param calls the calls, in order; at least one
     * @return this builder
     * @throws IllegalArgumentException if there are no calls
     */
    public Builder toolCalls(ModelStep.ToolCall... calls) {
      return step(ModelStep.toolCalls(calls));
    }

    /**
     * Adds a failure on cue.
     *
     * @param kind which failure
     * @return this builder
     */
    public Builder fail(ScriptedFailure kind) {
      return step(ModelStep.failure(kind));
    }

    /**
     * Adds a step. A delay set with {@link #after(Duration)} replaces the step's own delay.
     *
     * @param step the step
     * @return this builder
     */
    public Builder step(ModelStep step) {
      Objects.requireNonNull(step, "step");
      steps.add(nextDelay.isZero() ? step : step.after(nextDelay));
      nextDelay = Duration.ZERO;
      return this;
    }

    /**
     * Builds the script.
     *
     * @return an immutable script of the steps added so far
     * @throws IllegalStateException if {@link #after(Duration)} was called without a step after it
     */
    public ModelScript build() {
      if (!nextDelay.isZero()) {
        throw new IllegalStateException(
            "after(" + nextDelay + ") delays the next step, but no step follows it; add one");
      }
      return new ModelScript(steps);
    }
  }
}
