package io.agentkeel.api;

import java.util.Locale;

/**
 * Text fit for a log line, a terminal or a prompt line: control characters (C0, DEL and C1), format
 * characters (bidirectional overrides, zero-width characters) and line and paragraph separators
 * escaped as {@code \\uXXXX}, so that a name or value from outside (a task id, a tool name the
 * model made up, a customer's input) is shown, never obeyed, and cannot break a line or read as
 * something else. Everything else, other scripts and emoji included, is kept as it is.
 */
public final class PrintableText {
  private PrintableText() {}

  /**
   * A value's text with the characters above escaped.
   *
   * @param value any value; {@code null} is shown as {@code null}
   * @return the text, unchanged when nothing needed escaping
   */
  public static String escape(Object value) {
    String text = String.valueOf(value);
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (needsEscape(c)) {
        if (escaped == null) {
          escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (escaped != null) {
        escaped.append(c);
      }
    }
    return escaped == null ? text : escaped.toString();
  }

  private static boolean needsEscape(char c) {
    if (c < 0x80) {
      return c < 0x20 || c == 0x7f;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
