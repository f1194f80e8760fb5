package io.agentkeel.core.internal;

/**
 * Escapes control and format characters (line breaks, escape sequences, bidirectional overrides) in
 * names and values that the model or a log reader sees, so that a tool name or a task attribute
 * cannot forge a line of a prompt or an event. Escaped as {@code \\uXXXX}.
 */
final class ControlChars {
  private ControlChars() {}

  static String escape(String text) {
    if (text == null) {
      return "null";
    }
    int first = -1;
    for (int i = 0; i < text.length(); i++) {
      if (needsEscape(text.charAt(i))) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (needsEscape(c)) {
        escaped.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static boolean needsEscape(char c) {
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
    if (c < 0x80) {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
