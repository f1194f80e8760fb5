package io.agentkeel.core.internal;

import io.agentkeel.api.PrintableText;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses builder settings that nothing can read, naming the key (not its value, which may be a
 * secret) and what was probably meant. Configuration keys are unprefixed ({@code memory.data-dir});
 * {@code agentkeel.} only marks a system property ({@code -Dagentkeel.memory.data-dir}), so a
 * builder key that starts with it is never read. Core's own settings (how many tasks run at once,
 * session turns, recalled memories) are builder methods, not configuration keys, so a key that
 * names one is never read either.
 *
 * <p>Only explicit builder settings are refused here, before anything is wired. Whether a key of
 * any source is read at all is known only once the extensions have read theirs: {@link
 * UnknownSettings} reports the rest then.
 */
public final class SettingKeys {
  private static final String SYSTEM_PREFIX = "agentkeel.";

  /** Core's settings that are builder methods, by the key a user might try for them. */
  private static final List<Map.Entry<String, String>> BUILDER_ONLY =
      List.of(
          Map.entry("concurrency", "concurrency(int)"),
          Map.entry("session-turns", "sessionTurns(int)"),
          Map.entry("recall-limit", "recallLimit(int)"));

  private SettingKeys() {}

  /**
   * Checks the settings given to a builder.
   *
   * @param settings the builder's settings
   * @throws IllegalArgumentException naming the first key nothing reads and the nearest thing that
   *     would be read; not its value, which may be a secret ({@code
   *     agentkeel.memory.working.password})
   */
  public static void check(Map<String, String> settings) {
    for (String key : settings.keySet()) {
      problem(key)
          .ifPresent(problem -> {
            throw new IllegalArgumentException(
                "setting '" + PrintableText.escape(key) + "' is never read: " + problem);
          });
    }
  }

  private static Optional<String> problem(String key) {
    boolean prefixed = key.startsWith(SYSTEM_PREFIX);
    String bare = prefixed ? key.substring(SYSTEM_PREFIX.length()) : key;
    String normalized = bare.toLowerCase(Locale.ROOT).replace('_', '-');
    for (Map.Entry<String, String> builderOnly : BUILDER_ONLY) {
      String name = builderOnly.getKey();
      if (normalized.equals(name)
          || normalized.equals(name.replace("-", ""))
          || (normalized.indexOf('.') < 0 && distance(normalized, name) <= 2)) {
        boolean exact = normalized.equals(name) || normalized.equals(name.replace("-", ""));
        return Optional.of(
            (exact ? "" : "did you mean " + name + "? ")
                + "core's "
                + name
                + " is not a configuration key: set it with the builder's "
                + builderOnly.getValue()
                + ", and remove this setting");
      }
    }
    if (prefixed) {
      return Optional.of(
          "did you mean '"
              + PrintableText.escape(bare)
              + "'? keys given to the builder have no '"
              + SYSTEM_PREFIX
              + "' prefix, which marks only system properties (-D"
              + SYSTEM_PREFIX
              + "KEY)");
    }
    return Optional.empty();
  }

  /** The Levenshtein distance of two short keys. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
