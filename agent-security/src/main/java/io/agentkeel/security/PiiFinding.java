package io.agentkeel.security;

/**
 * One piece of personal data or secret found in a text: where it is, what it is and how sure the
 * detector is. It holds no copy of the value, so it is safe to log.
 *
 * @param type what was found
 * @param start the index of its first character
 * @param end the index after its last character
 * @param score the detector's confidence, in [0, 1]
 */
public record PiiFinding(PiiType type, int start, int end, double score) {
  /**
   * Validates the finding.
   *
   * @throws IllegalArgumentException if the span is empty or the score is outside [0, 1]
   */
  public PiiFinding {
    java.util.Objects.requireNonNull(type, "type");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "a finding needs 0 <= start < end, got " + start + ".." + end);
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("a finding's score must be within [0, 1], was " + score);
    }
  }

  /**
   * The found value in the text it was found in.
   *
   * @param text the text given to the detector
   * @return the value
   */
  public String valueIn(CharSequence text) {
    return text.subSequence(start, end).toString();
  }
}
