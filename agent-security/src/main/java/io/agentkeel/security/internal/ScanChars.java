package io.agentkeel.security.internal;

import java.util.Locale;

/** The character classes and context-word lookups the PII recognisers share. */
final class ScanChars {
  private ScanChars() {}

  static boolean near(String text, int s, int e, String[] words, int window) {
    int from = Math.max(0, s - window);
    int to = Math.min(text.length(), e + window);
    String before = text.substring(from, s).toLowerCase(Locale.ROOT);
    int nl = e;
    while (nl < to && text.charAt(nl) != '\n') {
      nl++;
    }
    String after = text.substring(e, nl).toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (containsWord(before, w) || containsWord(after, w)) {
        return true;
      }
    }
    return false;
  }

  static boolean containsWord(String hay, String w) {
    int k = hay.indexOf(w);
    while (k >= 0) {
      int e = k + w.length();
      if ((k == 0 || !Character.isLetter(hay.charAt(k - 1)))
          && (e >= hay.length() || !Character.isLetter(hay.charAt(e)))) {
        return true;
      }
      k = hay.indexOf(w, k + 1);
    }
    return false;
  }

  static boolean nearOnLine(String text, int s, String[] words, int window) {
    int from = Math.max(0, s - window);
    int nl = text.lastIndexOf('\n', s - 1);
    from = Math.max(from, nl + 1);
    String before = text.substring(from, s).toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (containsWord(before, w)) {
        return true;
      }
    }
    return false;
  }

  static int skipWord(String text, int i) {
    int n = text.length();
    while (i < n && isWordChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isNumSep(char c) {
    return c == '.' || c == '(' || c == ')' || c == '/' || isSpaceOrDash(c);
  }

  /**
   * A space or a dash of any kind: text pasted from documents and web pages groups digits with
   * no-break, thin and narrow no-break spaces and with en dashes, not only ASCII ones.
   */
  static boolean isSpaceOrDash(char c) {
    if (c < 128) {
      return c == ' ' || c == '-';
    }
    return Character.isSpaceChar(c) || Character.getType(c) == Character.DASH_PUNCTUATION;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAlnum(char c) {
    return isDigit(c) || isAsciiLetter(c);
  }

  static boolean isWordChar(char c) {
    return isAlnum(c) || c == '_' || Character.isLetter(c);
  }

  static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean endsWithIgnoreCase(String text, int e, String suffix) {
    int from = e - suffix.length();
    return from >= 0 && text.regionMatches(true, from, suffix, 0, suffix.length());
  }
}
