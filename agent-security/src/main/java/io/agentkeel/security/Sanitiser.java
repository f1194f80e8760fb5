package io.agentkeel.security;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cleans untrusted text before anything else reads it: Unicode NFKC, then removal of control
 * characters (newline and tab are kept), invisible characters (zero-width, soft hyphen, Unicode tag
 * characters used to smuggle instructions) and bidirectional overrides, then a length limit in
 * characters. The result says what was changed.
 *
 * <p>Immutable and thread-safe.
 */
public final class Sanitiser {
  private final int maxLength;

  /**
   * Creates a sanitiser.
   *
   * @param maxLength the most characters kept; longer text is cut
   * @throws IllegalArgumentException if {@code maxLength} is not positive
   */
  public Sanitiser(int maxLength) {
    if (maxLength <= 0) {
      throw new IllegalArgumentException(
          "security.max-input-length must be positive, was " + maxLength);
    }
    this.maxLength = maxLength;
  }

  /**
   * Sanitises a text.
   *
   * @param text the untrusted text
   * @return the clean text and what changed
   */
  public SanitisedText sanitise(String text) {
    List<SanitisedText.Change> changes = new ArrayList<>(2);
    String s = text;
    int normalised = 0;
    if (!Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
      String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
      normalised += diff(s, n);
      s = n;
    }
    int control = 0;
    int invisible = 0;
    int bidi = 0;
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      SanitisedText.Kind drop = classify(cp);
      if (drop != null) {
        if (sb == null) {
          sb = new StringBuilder(s.length());
          sb.append(s, 0, i);
        }
        switch (drop) {
          case CONTROL_REMOVED -> control++;
          case BIDI_REMOVED -> bidi++;
          default -> invisible++;
        }
      } else if (sb != null) {
        sb.appendCodePoint(cp);
      }
      i += len;
    }
    if (sb != null) {
      s = sb.toString();
      // a removed character can leave a pair that NFKC composes (e, zero-width space, combining
      // acute): normalise again, so that clean text is NFKC and sanitising it again changes nothing
      if (!Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        normalised += diff(s, n);
        s = n;
      }
    }
    if (normalised > 0) {
      changes.add(new SanitisedText.Change(SanitisedText.Kind.NORMALISED, normalised));
    }
    if (control > 0) {
      changes.add(new SanitisedText.Change(SanitisedText.Kind.CONTROL_REMOVED, control));
    }
    if (invisible > 0) {
      changes.add(new SanitisedText.Change(SanitisedText.Kind.INVISIBLE_REMOVED, invisible));
    }
    if (bidi > 0) {
      changes.add(new SanitisedText.Change(SanitisedText.Kind.BIDI_REMOVED, bidi));
    }
    if (s.length() > maxLength) {
      int cut = maxLength;
      if (Character.isHighSurrogate(s.charAt(cut - 1))) {
        cut--;
      }
      changes.add(new SanitisedText.Change(SanitisedText.Kind.TRUNCATED, s.length() - cut));
      s = s.substring(0, cut);
    }
    return new SanitisedText(s, changes);
  }

  private static SanitisedText.Kind classify(int cp) {
    if (cp == '\n' || cp == '\t') {
      return null;
    }
    if (cp == '\r') {
      return SanitisedText.Kind.CONTROL_REMOVED;
    }
    if ((cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E
        || cp == 0x200F
        || cp == 0x061C) {
      return SanitisedText.Kind.BIDI_REMOVED;
    }
    int type = Character.getType(cp);
    if (type == Character.CONTROL) {
      return SanitisedText.Kind.CONTROL_REMOVED;
    }
    if (type == Character.FORMAT
        || (cp >= 0xE0000 && cp <= 0xE007F)
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x3164
        || cp == 0xFFA0
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE) {
      return SanitisedText.Kind.INVISIBLE_REMOVED;
    }
    return null;
  }

  private static int diff(String a, String b) {
    int prefix = 0;
    int m = Math.min(a.length(), b.length());
    while (prefix < m && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    return Math.max(a.length(), b.length()) - prefix;
  }
}
