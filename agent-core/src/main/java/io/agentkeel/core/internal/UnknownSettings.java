package io.agentkeel.core.internal;

import io.agentkeel.api.Configuration;
import io.agentkeel.api.PrintableText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the settings in the agent's namespace that nothing read once the agent is wired, such as
 * {@code memory.data-dri} or {@code AGENTKEEL_MAX_STEP}, which would otherwise silently leave the
 * default in force. It names each key and its source, with the one known key that is close to it
 * ("did you mean"), and never its value, which may be a secret.
 *
 * <p><b>Known</b>: a key is known when an installed component read it while the agent was wired:
 * asked for it ({@link Configuration#get}, and so every key {@link Configuration#bind} looks for,
 * set or not), or read a prefix it lies under ({@link Configuration#withPrefix}); when it is under
 * {@code tools.<name>.} of an installed tool plugin (a plugin may read its settings at any time, so
 * they are all its own); or when it is one of the variables read outside the configuration ({@code
 * AGENTKEEL_DATA_DIR}, {@code AGENTKEEL_MODEL}, {@code AGENTKEEL_MODEL_LOG_HTTP}, {@code
 * AGENTKEEL_TIMING}). An extension that reads a setting only later, after start-up, should bind or
 * ask for it in {@code configure}.
 *
 * <p><b>Reported</b>: an unknown key is reported when it is in the agent's namespace: an {@code
 * agentkeel.*} system property, an {@code AGENTKEEL_*} variable, a builder setting or property that
 * starts with {@code agentkeel.}, a key under a namespace an installed component reads (such as
 * {@code memory.} when the memory module is installed), or a key close to a known one. So that
 * settings shared by several applications make no noise, these are not reported: keys under the
 * namespace of one of the framework's modules that is not installed ({@code memory}, {@code
 * security}, {@code observability}, {@code durable}, {@code cluster}), keys under {@code
 * tools.<name>.} of a plugin that is not installed (unless {@code <name>} is close to an installed
 * plugin's), and other builder settings and properties, which may be the application's own.
 *
 * <p>The setting {@value #MODE_KEY} chooses what is done: {@code warn} (the default) logs one
 * warning, once in the life of the process for the same unknown settings however many agents are
 * built, {@code fail} stops the agent from starting, {@code ignore} does nothing.
 */
public final class UnknownSettings {

  /** The key of the setting that chooses whether unknown settings warn, fail or are ignored. */
  public static final String MODE_KEY = "settings.unknown-keys";

  private static final Logger LOG = LoggerFactory.getLogger(UnknownSettings.class);

  /**
   * Warnings already logged, so that a process that builds several agents from the same settings
   * (the demo builds three, a service may build one per tenant) says it once. Bounded: past it, a
   * new warning is logged each time rather than remembered.
   */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private static final int WARNED_KEPT = 64;
  private static final String SYSTEM_PREFIX = PropertyConfiguration.SYSTEM_PREFIX;
  private static final String ENV_PREFIX = PropertyConfiguration.ENV_PREFIX;
  private static final String TOOLS = "TOOLS_";

  /** The namespaces of the framework's modules, silent when the module is not installed. */
  private static final Set<String> MODULES =
      Set.of("memory", "security", "observability", "durable", "cluster");

  /** Variables the model specification and the command line read from the environment. */
  private static final Set<String> VARIABLES =
      Set.of(
          "AGENTKEEL_DATA_DIR", "AGENTKEEL_MODEL", "AGENTKEEL_MODEL_LOG_HTTP", "AGENTKEEL_TIMING");

  private enum Mode {
    WARN,
    FAIL,
    IGNORE
  }

  private enum Source {
    SETTING("setting"),
    SYSTEM("system property"),
    ENVIRONMENT("environment variable"),
    PROPERTY("property");

    private final String label;

    Source(String label) {
      this.label = label;
    }
  }

  private UnknownSettings() {}

  /**
   * Reports the unknown settings of a wired agent, as {@value #MODE_KEY} says. Does nothing for a
   * configuration other than a {@link PropertyConfiguration}, whose keys cannot be listed.
   *
   * @param configuration the agent's configuration, after every component read it
   * @param toolPlugins the names of the installed tool plugins
   * @throws IllegalArgumentException when {@value #MODE_KEY} is {@code fail} and a setting is
   *     unknown, naming every one (an invalid setting, as the builder reports one), or if {@value
   *     #MODE_KEY} is none of warn, fail, ignore
   */
  public static void check(Configuration configuration, Collection<String> toolPlugins) {
    if (!(configuration instanceof PropertyConfiguration settings)) {
      return;
    }
    Mode mode = mode(settings);
    if (mode == Mode.IGNORE) {
      return;
    }
    List<String> unknown = find(settings, toolPlugins);
    if (unknown.isEmpty()) {
      return;
    }
    String message =
        "unknown settings, which nothing installed reads, so they have no effect: "
            + String.join("; ", unknown)
            + ". Correct or remove them"
            + (mode == Mode.FAIL
                ? ", or set " + MODE_KEY + "=warn to start with them"
                : "; " + MODE_KEY + "=fail refuses to start with them, =ignore silences this");
    if (mode == Mode.FAIL) {
      throw new IllegalArgumentException(message);
    }
    if (WARNED.contains(message)) {
      return;
    }
    if (WARNED.size() < WARNED_KEPT) {
      WARNED.add(message);
    }
    LOG.warn(message);
  }

  private static Mode mode(PropertyConfiguration settings) {
    String value = settings.get(MODE_KEY).orElse("warn").strip();
    for (Mode mode : Mode.values()) {
      if (mode.name().equalsIgnoreCase(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "setting '"
            + MODE_KEY
            + "' is '"
            + PrintableText.escape(value)
            + "', which is not one of warn, fail, ignore");
  }

  /** Each unknown setting in the agent's namespace, described with its source and a suggestion. */
  static List<String> find(PropertyConfiguration settings, Collection<String> toolPlugins) {
    Known known = new Known(settings, toolPlugins);
    List<String> found = new ArrayList<>();
    for (String key : new TreeSet<>(settings.builderKeys())) {
      known.describe(Source.SETTING, key).ifPresent(found::add);
    }
    for (String key : settings.systemKeys()) {
      known.describe(Source.SYSTEM, key).ifPresent(found::add);
    }
    for (String name : settings.environmentNames()) {
      known.describe(Source.ENVIRONMENT, name).ifPresent(found::add);
    }
    for (String key : new TreeSet<>(settings.propertyKeys())) {
      known.describe(Source.PROPERTY, key).ifPresent(found::add);
    }
    return found;
  }

  /** What the installed components read, and the rule above. */
  private static final class Known {
    private final Set<String> asked;
    private final Set<String> askedVariables = new TreeSet<>();
    private final Set<String> prefixes;
    private final Set<String> namespaces = new TreeSet<>();
    private final List<String> plugins;

    /** Suggestions: known keys in kebab case, by their canonical form. */
    private final TreeMap<String, String> candidates = new TreeMap<>();

    Known(PropertyConfiguration settings, Collection<String> toolPlugins) {
      this.asked = settings.asked();
      this.prefixes = settings.prefixes();
      this.plugins = List.copyOf(toolPlugins);
      for (String key : asked) {
        askedVariables.add(PropertyConfiguration.envName(key));
        namespaces.add(canonical(key.split("\\.", 2)[0]));
        if (key.equals(key.toLowerCase(Locale.ROOT)) && key.indexOf('_') < 0) {
          candidates.putIfAbsent(canonical(key), key);
        }
      }
      for (String prefix : prefixes) {
        namespaces.add(canonical(prefix.split("\\.", 2)[0]));
      }
      namespaces.add("TOOLS");
      namespaces.remove("");
    }

    Optional<String> describe(Source source, String key) {
      boolean variable = source == Source.ENVIRONMENT;
      if (variable ? knownVariable(key) : knownKey(key)) {
        return Optional.empty();
      }
      boolean prefixed = !variable && key.startsWith(SYSTEM_PREFIX);
      String bare = prefixed ? key.substring(SYSTEM_PREFIX.length()) : key;
      String canonical = variable ? key.substring(ENV_PREFIX.length()) : canonical(bare);
      String written =
          variable ? key : "'" + (source == Source.SYSTEM ? SYSTEM_PREFIX : "") + key + "'";
      String shown = source.label + " " + PrintableText.escape(written);
      if (canonical.startsWith(TOOLS)) {
        // A plugin that is not installed may be installed elsewhere: only a near miss is reported.
        return toolPlugin(canonical.substring(TOOLS.length()), variable ? null : bare)
            .map(plugin -> shown + didYouMean(source, plugin));
      }
      if (inModuleNotInstalled(canonical)) {
        return Optional.empty();
      }
      Optional<String> suggestion = nearest(canonical).map(k -> didYouMean(source, k));
      boolean ours =
          variable
              || source == Source.SYSTEM
              || prefixed
              || owned(canonical)
              || suggestion.isPresent();
      return ours ? Optional.of(shown + suggestion.orElse("")) : Optional.empty();
    }

    private boolean knownKey(String key) {
      if (asked.contains(key)) {
        return true;
      }
      for (String prefix : prefixes) {
        if (prefix.isEmpty() || key.startsWith(prefix + ".")) {
          return true;
        }
      }
      return installedPlugin(canonical(key));
    }

    private boolean knownVariable(String name) {
      if (VARIABLES.contains(name) || askedVariables.contains(name)) {
        return true;
      }
      for (String prefix : prefixes) {
        if (prefix.isEmpty() || name.startsWith(PropertyConfiguration.envName(prefix) + "_")) {
          return true;
        }
      }
      return installedPlugin(name.substring(ENV_PREFIX.length()));
    }

    private boolean installedPlugin(String canonical) {
      for (String plugin : plugins) {
        if (canonical.startsWith(TOOLS + canonical(plugin) + "_")) {
          return true;
        }
      }
      return false;
    }

    /**
     * The key meant, when the plugin name in {@code tools.<name>.<key>} is close to a plugin's.
     *
     * @param rest the canonical key after {@code TOOLS_}
     * @param dotted the key as written, to keep the spelling of its own part; null for a variable
     */
    private Optional<String> toolPlugin(String rest, String dotted) {
      String[] tokens = rest.split("_");
      for (String plugin : plugins) {
        String name = canonical(plugin);
        int length = name.split("_").length;
        if (tokens.length > length
            && distance(String.join("_", List.of(tokens).subList(0, length)), name) <= 2) {
          String own =
              dotted == null
                  ? String.join("_", List.of(tokens).subList(length, tokens.length))
                      .toLowerCase(Locale.ROOT)
                  : afterWords(dotted, 1 + length);
          return Optional.of("tools." + plugin + "." + own);
        }
      }
      return Optional.empty();
    }

    private boolean inModuleNotInstalled(String canonical) {
      for (String module : MODULES) {
        String name = canonical(module);
        if ((canonical.equals(name) || canonical.startsWith(name + "_")) && !owned(canonical)) {
          return true;
        }
      }
      return false;
    }

    private boolean owned(String canonical) {
      for (String namespace : namespaces) {
        if (canonical.equals(namespace) || canonical.startsWith(namespace + "_")) {
          return true;
        }
      }
      return false;
    }

    /** The one known key close to this one, if there is exactly one closest. */
    private Optional<String> nearest(String canonical) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      boolean tie = false;
      for (var candidate : candidates.entrySet()) {
        int distance = distance(canonical, candidate.getKey());
        int allowed = Math.min(3, Math.max(1, candidate.getKey().length() / 5));
        if (distance > allowed || distance > bestDistance) {
          continue;
        }
        tie = distance == bestDistance;
        if (distance < bestDistance) {
          best = candidate.getValue();
          bestDistance = distance;
        }
      }
      return tie ? Optional.empty() : Optional.ofNullable(best);
    }
  }

  /** " (did you mean K?)", with K written as the source writes keys. */
  private static String didYouMean(Source source, String key) {
    String written =
        switch (source) {
          case ENVIRONMENT -> PropertyConfiguration.envName(key);
          case SYSTEM -> "'" + SYSTEM_PREFIX + key + "'";
          default -> "'" + key + "'";
        };
    return " (did you mean " + PrintableText.escape(written) + "?)";
  }

  /** What follows the first {@code words} words of a key, words ending at '.', '-' or '_'. */
  private static String afterWords(String key, int words) {
    int seen = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if ((c == '.' || c == '-' || c == '_') && ++seen == words) {
        return key.substring(i + 1);
      }
    }
    return "";
  }

  /** A key as an environment variable writes it, without the prefix: {@code MEMORY_DATA_DIR}. */
  private static String canonical(String key) {
    return PropertyConfiguration.envName(key).substring(ENV_PREFIX.length());
  }

  private static int distance(String a, String b) {
    return SettingKeys.distance(a, b);
  }
}
