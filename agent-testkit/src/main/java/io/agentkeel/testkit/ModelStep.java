package io.agentkeel.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One reply of a scripted model: a final answer, a raw text, tool calls, or a failure, each with an
 * optional delay before it is given. Steps are immutable values; build them with the static
 * factories here or through {@link ModelScript.Builder}.
 */
public sealed interface ModelStep {

  /**
   * How long the model waits before giving this reply.
   *
   * @return the delay, {@link Duration#ZERO} for none
   */
  Duration delay();

  /**
   * Returns this step with another delay before it.
   *
   * @param delay how long to wait before the reply; not negative
   * @return a copy of this step with the delay
   * @throws IllegalArgumentException if the delay is negative
   */
  ModelStep after(Duration delay);

  /**
   * A final answer, rendered as the JSON object {@code {"answer": ..., "confidence": ...,
   * "reasoning_summary": ...}} that the agent loop reads.
   *
   * @param answer the answer text
   * @param confidence the model's confidence, within [0, 1]
   * @param reasoningSummary a short summary of the reasoning; may be empty
   * @return the step
   * @throws IllegalArgumentException if the confidence is outside [0, 1]
   */
  static ModelStep answer(String answer, double confidence, String reasoningSummary) {
    return new Answer(answer, confidence, reasoningSummary, Duration.ZERO);
  }

  /**
   * A reply whose text is given as is, for plain answers without confidence or for text the agent
   * must cope with.
   *
   * @param text the reply's text
   * @return the step
   */
  static ModelStep text(String text) {
    return new Text(text, Duration.ZERO);
  }

  /**
   * A reply that asks for one tool call.
   *
   * @param name the tool's name
   * @param argumentsJson the call's arguments, as JSON text (passed on unchecked, so invalid JSON
   *     can be scripted too)
   * @return the step
   */
  static ModelStep toolCall(String name, String argumentsJson) {
    return toolCalls(call(name, argumentsJson));
  }

  /**
   * A reply that asks for several tool calls at once.
   *
   * @param calls the calls, in order; at least one
   * @return the step
   * @throws IllegalArgumentException if there are no calls
   */
  static ModelStep toolCalls(ToolCall... calls) {
    return new ToolCalls(List.of(calls), Duration.ZERO);
  }

  /**
   * A failure on cue.
   *
   * @param kind which failure
   * @return the step
   */
  static ModelStep failure(ScriptedFailure kind) {
    return new Failure(kind, Duration.ZERO);
  }

  /**
   * A tool call the model asks for, for {@link #toolCalls(ToolCall...)}.
   *
   * @param name the tool's name
   * @param argumentsJson the arguments as JSON text
   * @return the call
   */
  static ToolCall call(String name, String argumentsJson) {
    return new ToolCall(name, argumentsJson);
  }

  /**
   * One tool call within a {@link ToolCalls} reply. Its id ({@code call_1}, {@code call_2}, ...) is
   * given when the reply is played.
   *
   * @param name the tool's name
   * @param argumentsJson the arguments as JSON text
   */
  record ToolCall(String name, String argumentsJson) {
    /**
     * Checks for nulls.
     *
     * @throws NullPointerException if a component is null
     */
    public ToolCall {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
  }

  /**
   * A final answer in the JSON format the agent loop reads.
   *
   * @param answer the answer text
   * @param confidence within [0, 1]
   * @param reasoningSummary a short reasoning summary; may be empty
   * @param delay the wait before the reply
   */
  record Answer(String answer, double confidence, String reasoningSummary, Duration delay)
      implements ModelStep {
    /**
     * Validates the step.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the confidence is outside [0, 1] or the delay negative
     */
    public Answer {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(reasoningSummary, "reasoningSummary");
      if (!(confidence >= 0.0 && confidence <= 1.0)) {
        throw new IllegalArgumentException(
            "scripted confidence must be within [0, 1], was "
                + confidence
                + "; to script an out-of-range confidence, use text() with the JSON written out");
      }
      checkDelay(delay);
    }

    @Override
    public Answer after(Duration delay) {
      return new Answer(answer, confidence, reasoningSummary, delay);
    }
  }

  /**
   * A reply with the given text.
   *
   * @param text the reply's text
   * @param delay the wait before the reply
   */
  record Text(String text, Duration delay) implements ModelStep {
    /**
     * Validates the step.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the delay is negative
     */
    public Text {
      Objects.requireNonNull(text, "text");
      checkDelay(delay);
    }

    @Override
    public Text after(Duration delay) {
      return new Text(text, delay);
    }
  }

  /**
   * A reply that asks for one or more tool calls.
   *
   * @param calls the calls, in order; at least one
   * @param delay the wait before the reply
   */
  record ToolCalls(List<ToolCall> calls, Duration delay) implements ModelStep {
    /**
     * Validates the step and copies the calls.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if there are no calls or the delay is negative
     */
    public ToolCalls {
      calls = List.copyOf(calls);
      if (calls.isEmpty()) {
        throw new IllegalArgumentException(
            "a tool-call reply needs at least one call; for a reply without calls use text()");
      }
      checkDelay(delay);
    }

    @Override
    public ToolCalls after(Duration delay) {
      return new ToolCalls(calls, delay);
    }
  }

  /**
   * A failure on cue.
   *
   * @param kind which failure
   * @param delay the wait before failing; for {@link ScriptedFailure#TIMEOUT} the in-process model
   *     waits this long before throwing, and the HTTP server this long (or its default timeout
   *     delay when zero) before answering
   */
  record Failure(ScriptedFailure kind, Duration delay) implements ModelStep {
    /**
     * Validates the step.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the delay is negative
     */
    public Failure {
      Objects.requireNonNull(kind, "kind");
      checkDelay(delay);
    }

    @Override
    public Failure after(Duration delay) {
      return new Failure(kind, delay);
    }
  }

  private static void checkDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a step's delay must not be negative, was " + delay);
    }
  }
}
