package io.agentkeel.security;

/** How a {@link PiiRedactor} replaces what it finds. */
public enum RedactionStyle {
  /** Every character becomes {@code *}, except separators: {@code ****-****}. */
  MASK,
  /** A typed, numbered placeholder: {@code <EMAIL_1>}, {@code <CARD_2>}. */
  PLACEHOLDER,
  /** All but the last four letters or digits are masked: {@code ****1234}; secrets fully. */
  PARTIAL,
  /**
   * A placeholder that a {@link PseudonymVault} maps back to the value within one session: the same
   * value gets the same pseudonym every time in that session.
   */
  PSEUDONYM
}
