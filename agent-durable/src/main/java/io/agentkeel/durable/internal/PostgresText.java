package io.agentkeel.durable.internal;

/**
 * Text as PostgreSQL stores it: its text types cannot hold U+0000, which a tool result or an input
 * may well contain, so the journal escapes it. U+0001 is the escape: U+0000 is stored as U+0001
 * then {@code 0}, U+0001 as U+0001 then {@code 1}. Text with neither is stored as it is, so rows
 * written before the escape read back unchanged unless they held U+0001 followed by {@code 0} or
 * {@code 1}.
 */
public final class PostgresText {
  private static final char NUL = '\u0000';
  private static final char ESCAPE = '\u0001';

  private PostgresText() {}

  /**
   * The text to store.
   *
   * @param text the text
   * @return it, escaped
   */
  public static String store(String text) {
    if (text.indexOf(NUL) < 0 && text.indexOf(ESCAPE) < 0) {
      return text;
    }
    StringBuilder stored = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == NUL) {
        stored.append(ESCAPE).append('0');
      } else if (c == ESCAPE) {
        stored.append(ESCAPE).append('1');
      } else {
        stored.append(c);
      }
    }
    return stored.toString();
  }

  /**
   * The text a stored value holds.
   *
   * @param stored the stored value
   * @return the text
   */
  public static String load(String stored) {
    if (stored.indexOf(ESCAPE) < 0) {
      return stored;
    }
    StringBuilder text = new StringBuilder(stored.length());
    for (int i = 0; i < stored.length(); i++) {
      char c = stored.charAt(i);
      char next = i + 1 < stored.length() ? stored.charAt(i + 1) : ' ';
      if (c == ESCAPE && next == '0') {
        text.append(NUL);
        i++;
      } else if (c == ESCAPE && next == '1') {
        text.append(ESCAPE);
        i++;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }
}
