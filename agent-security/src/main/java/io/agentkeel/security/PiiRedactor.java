package io.agentkeel.security;

import io.agentkeel.security.internal.JsonEscapes;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces what a {@link PiiDetector} finds in a text, in one {@link RedactionStyle}. The reusable
 * redaction API: the output filter, the model boundary and log masking all use it.
 *
 * <p>Immutable and thread-safe; the {@link RedactionStyle#PSEUDONYM} style keeps its state in the
 * {@link PseudonymVault} passed to {@link #redact(String, PseudonymVault)}.
 */
public final class PiiRedactor {
  private final PiiDetector detector;
  private final RedactionStyle style;

  /**
   * Creates a redactor.
   *
   * @param detector what to find
   * @param style how to replace it
   */
  public PiiRedactor(PiiDetector detector, RedactionStyle style) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.style = Objects.requireNonNull(style, "style");
  }

  /**
   * The style.
   *
   * @return the style
   */
  public RedactionStyle style() {
    return style;
  }

  /**
   * The detector.
   *
   * @return the detector
   */
  public PiiDetector detector() {
    return detector;
  }

  /**
   * Redacts a text. With {@link RedactionStyle#PSEUDONYM} a fresh vault is used, so the pseudonyms
   * cannot be restored: pass a vault to {@link #redact(String, PseudonymVault)} for that.
   *
   * @param text the text
   * @return the redacted text and what was found
   */
  public Redacted redact(String text) {
    return redact(text, new PseudonymVault());
  }

  /**
   * Redacts a text, keeping pseudonyms in a session's vault.
   *
   * @param text the text
   * @param vault the session's vault, used by {@link RedactionStyle#PSEUDONYM}
   * @return the redacted text and what was found
   */
  public Redacted redact(String text, PseudonymVault vault) {
    List<PiiFinding> findings = detector.find(text);
    if (findings.isEmpty()) {
      return new Redacted(text, findings);
    }
    StringBuilder sb = new StringBuilder(text.length());
    Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);
    Map<String, String> numbered = new HashMap<>();
    int pos = 0;
    for (PiiFinding f : findings) {
      sb.append(text, pos, f.start());
      String value = text.substring(f.start(), f.end());
      switch (style) {
        case MASK -> mask(sb, value, 0);
        case PARTIAL -> mask(sb, value, f.type() == PiiType.SECRET ? 0 : 4);
        case PLACEHOLDER ->
            sb.append(
                numbered.computeIfAbsent(
                    f.type().name() + '\u0000' + value,
                    k ->
                        "<"
                            + f.type().label()
                            + "_"
                            + counters.merge(f.type(), 1, Integer::sum)
                            + ">"));
        case PSEUDONYM -> sb.append(vault.pseudonymFor(f.type(), value));
      }
      pos = f.end();
    }
    sb.append(text, pos, text.length());
    return new Redacted(sb.toString(), findings);
  }

  private static void mask(StringBuilder sb, String value, int keepLast) {
    int keepFrom = value.length();
    if (keepLast > 0) {
      int kept = 0;
      for (int k = value.length() - 1; k >= 0 && kept < keepLast; k--) {
        if (Character.isLetterOrDigit(value.charAt(k))) {
          kept++;
          keepFrom = k;
        }
      }
    }
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      int escape = c == '\\' ? JsonEscapes.length(value, k) : 0;
      if (escape > 0) {
        // a value found in JSON (tool arguments in an event) holds its line breaks as escapes:
        // masking the letter of "\n" would leave "\*", which is not JSON
        sb.append(value, k, k + escape);
        k += escape - 1;
      } else if (k >= keepFrom) {
        sb.append(c);
      } else if (Character.isLetterOrDigit(c)) {
        sb.append('*');
      } else {
        sb.append(c);
      }
    }
  }
}
