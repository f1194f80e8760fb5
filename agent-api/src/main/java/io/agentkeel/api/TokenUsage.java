package io.agentkeel.api;

/**
 * Tokens a model call consumed, as the provider reported them.
 *
 * @param input tokens sent to the model
 * @param output tokens the model produced
 */
public record TokenUsage(long input, long output) {

  /** No tokens. */
  public static final TokenUsage ZERO = new TokenUsage(0, 0);

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public TokenUsage {
    if (input < 0 || output < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /**
   * Both counts together.
   *
   * @return input plus output tokens
   */
  public long total() {
    return input + output;
  }

  /**
   * Adds another usage to this one.
   *
   * @param other the other usage
   * @return the sum
   */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(input + other.input, output + other.output);
  }
}
