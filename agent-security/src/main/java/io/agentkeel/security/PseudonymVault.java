package io.agentkeel.security;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reversible mapping between values and pseudonyms ({@code <EMAIL_1>}) of one session: the same
 * value gets the same pseudonym, and {@link #restore} puts values back. It lives in memory only and
 * must not outlive its session: the mapping is the personal data.
 *
 * <p>Thread-safe.
 */
public final class PseudonymVault {
  private static final Pattern PSEUDONYM = Pattern.compile("<([A-Z]+)_(\\d+)>");
  private final Map<String, String> byValue = new HashMap<>();
  private final Map<String, String> byPseudonym = new HashMap<>();
  private final Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);

  /** Creates an empty vault. */
  public PseudonymVault() {}

  /**
   * The pseudonym of a value, made on first use.
   *
   * @param type what the value is
   * @param value the value
   * @return the pseudonym, such as {@code <EMAIL_1>}
   */
  public synchronized String pseudonymFor(PiiType type, String value) {
    Objects.requireNonNull(value, "value");
    String key = type.name() + '\u0000' + value;
    String p = byValue.get(key);
    if (p == null) {
      int n = counters.merge(type, 1, Integer::sum);
      p = "<" + type.label() + "_" + n + ">";
      byValue.put(key, p);
      byPseudonym.put(p, value);
    }
    return p;
  }

  /**
   * Puts the values back in a text; pseudonyms this vault did not make are left as they are.
   *
   * @param text a text that may hold pseudonyms
   * @return the text with the values
   */
  public String restore(String text) {
    return restore(text, UnaryOperator.identity());
  }

  /**
   * Puts the values back in a text, each written as a kind of text needs it (as the body of a JSON
   * string, say).
   *
   * @param text a text that may hold pseudonyms
   * @param asWritten writes a value for the text
   * @return the text with the values
   */
  synchronized String restore(String text, UnaryOperator<String> asWritten) {
    if (text.indexOf('<') < 0 || byPseudonym.isEmpty()) {
      return text;
    }
    Matcher m = PSEUDONYM.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      String value = byPseudonym.get(m.group());
      m.appendReplacement(
          sb, Matcher.quoteReplacement(value == null ? m.group() : asWritten.apply(value)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * How many values the vault holds.
   *
   * @return the count
   */
  public synchronized int size() {
    return byPseudonym.size();
  }
}
