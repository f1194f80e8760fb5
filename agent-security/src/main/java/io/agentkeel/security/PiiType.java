package io.agentkeel.security;

/** A kind of personal data or secret that {@link PiiDetector} finds. */
public enum PiiType {
  /** An e-mail address. */
  EMAIL_ADDRESS("EMAIL"),
  /** A phone number, national or international. */
  PHONE_NUMBER("PHONE"),
  /** A payment card number that passes the Luhn check. */
  CREDIT_CARD("CARD"),
  /** An IBAN whose mod-97 check holds. */
  IBAN_CODE("IBAN"),
  /** A US social security number in a range that is issued. */
  US_SSN("SSN"),
  /** An IPv4 or IPv6 address. */
  IP_ADDRESS("IP"),
  /**
   * A credential: a known key format, a JWT, a private key block, or a random token near a word.
   */
  SECRET("SECRET");

  private final String label;

  PiiType(String label) {
    this.label = label;
  }

  /**
   * The short label used in placeholders such as {@code <EMAIL_1>}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }
}
