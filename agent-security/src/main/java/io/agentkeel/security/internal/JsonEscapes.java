package io.agentkeel.security.internal;

/**
 * The escapes of JSON strings, for the scanners and filters that work on text which may be JSON
 * (tool arguments and results in events): so that the letter of a {@code \n} is not taken for part
 * of a word, masked, or cut.
 */
public final class JsonEscapes {
  private JsonEscapes() {}

  /**
   * The length of the JSON escape that starts at a backslash: 2 for {@code \n}, {@code \"} and the
   * other one-letter escapes, 6 for a {@code u} escape (a backslash, {@code u} and four hex
   * digits).
   *
   * @param text the text
   * @param backslash the index of a backslash in it
   * @return the escape's length, or 0 when no escape starts there
   */
  public static int length(String text, int backslash) {
    if (backslash + 1 >= text.length()) {
      return 0;
    }
    char e = text.charAt(backslash + 1);
    if (e != 'u') {
      return "\"\\/bfnrt".indexOf(e) >= 0 ? 2 : 0;
    }
    if (backslash + 6 > text.length()) {
      return 0;
    }
    for (int h = backslash + 2; h < backslash + 6; h++) {
      if (!ScanChars.isHex(text.charAt(h))) {
        return 0;
      }
    }
    return 6;
  }
}
