package io.agentkeel.core.internal;

import io.agentkeel.api.Configuration;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's {@link Configuration}: flat dotted settings from four sources, in this order of
 * precedence: values given to the builder, system properties named {@code agentkeel.<key>},
 * environment variables {@code AGENTKEEL_<KEY>} (the key upper-cased, dots and dashes as
 * underscores), and properties (such as a file the application loaded). Immutable and thread-safe.
 *
 * <p>{@link #bind} reads each record component {@code fooBar} from {@code prefix.foo-bar}, {@code
 * prefix.foo_bar} or {@code prefix.fooBar}; a nested record component is bound under its own
 * prefix. Conversion is done here rather than by a general mapper so that every error names the
 * key, its value and the type expected.
 *
 * <p>It remembers every key asked for ({@link #get}, and through it {@link #bind}, whether set or
 * not) and every prefix read whole ({@link #withPrefix}), so that once an agent is wired {@link
 * UnknownSettings} can name the settings that nothing read.
 */
public final class PropertyConfiguration implements Configuration {

  static final String SYSTEM_PREFIX = "agentkeel.";
  static final String ENV_PREFIX = "AGENTKEEL_";
  private static final Pattern SHORT_DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> builder;
  private final Map<String, String> system;
  private final Map<String, String> env;
  private final Map<String, String> properties;
  private final Set<String> asked = ConcurrentHashMap.newKeySet();
  private final Set<String> prefixes = ConcurrentHashMap.newKeySet();

  /**
   * Creates a configuration from its sources.
   *
   * @param builder settings given to the builder; highest precedence
   * @param system system properties; only those named {@code agentkeel.*} are read
   * @param env environment variables; only those named {@code AGENTKEEL_*} are read
   * @param properties other properties, such as a loaded file; lowest precedence
   */
  public PropertyConfiguration(
      Map<String, String> builder,
      Properties system,
      Map<String, String> env,
      Properties properties) {
    this.builder = Map.copyOf(builder);
    this.system = copy(system);
    this.env = Map.copyOf(env);
    this.properties = copy(properties);
  }

  /**
   * A configuration of builder settings, the JVM's system properties and environment, and
   * properties.
   *
   * @param builder settings given to the builder
   * @param properties other properties
   * @return the configuration
   */
  public static PropertyConfiguration fromEnvironment(
      Map<String, String> builder, Properties properties) {
    return new PropertyConfiguration(builder, System.getProperties(), System.getenv(), properties);
  }

  /**
   * A configuration of builder settings only.
   *
   * @param builder the settings
   * @return the configuration
   */
  public static PropertyConfiguration of(Map<String, String> builder) {
    return new PropertyConfiguration(builder, new Properties(), Map.of(), new Properties());
  }

  private static Map<String, String> copy(Properties source) {
    Map<String, String> copy = new TreeMap<>();
    for (String name : source.stringPropertyNames()) {
      copy.put(name, source.getProperty(name));
    }
    return Map.copyOf(copy);
  }

  @Override
  public Optional<String> get(String key) {
    Objects.requireNonNull(key, "key");
    asked.add(key);
    String value = builder.get(key);
    if (value == null) {
      value = system.get(SYSTEM_PREFIX + key);
    }
    if (value == null) {
      value = env.get(envName(key));
    }
    if (value == null) {
      value = properties.get(key);
    }
    return Optional.ofNullable(value);
  }

  @Override
  public Map<String, String> withPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    prefixes.add(prefix);
    return under(prefix);
  }

  /**
   * Every setting under a prefix, as {@link #withPrefix} gives them, without counting them read:
   * for core, which hands the settings under {@code tools} on to the plugins they belong to.
   *
   * @param prefix such as {@code tools}
   * @return the settings; empty when there are none
   */
  public Map<String, String> passOn(String prefix) {
    return under(Objects.requireNonNull(prefix, "prefix"));
  }

  /** The keys asked for with {@link #get}, set or not. */
  Set<String> asked() {
    return Set.copyOf(asked);
  }

  /** The prefixes read whole with {@link #withPrefix}. */
  Set<String> prefixes() {
    return Set.copyOf(prefixes);
  }

  /** The keys given to the builder. */
  Set<String> builderKeys() {
    return builder.keySet();
  }

  /** The keys of {@code agentkeel.*} system properties, that prefix removed. */
  Set<String> systemKeys() {
    Set<String> keys = new TreeSet<>();
    system.keySet().stream()
        .filter(k -> k.startsWith(SYSTEM_PREFIX) && k.length() > SYSTEM_PREFIX.length())
        .forEach(k -> keys.add(k.substring(SYSTEM_PREFIX.length())));
    return keys;
  }

  /** The names of {@code AGENTKEEL_*} environment variables. */
  Set<String> environmentNames() {
    Set<String> names = new TreeSet<>();
    env.keySet().stream()
        .filter(k -> k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length())
        .forEach(names::add);
    return names;
  }

  /** The keys of the properties. */
  Set<String> propertyKeys() {
    return properties.keySet();
  }

  private Map<String, String> under(String prefix) {
    String dotted = prefix.isEmpty() ? "" : prefix + ".";
    Map<String, String> found = new TreeMap<>();
    // Lowest precedence first, so that higher sources overwrite.
    properties.forEach((k, v) -> putUnder(found, k, dotted, v));
    String envStart = envName(prefix) + (prefix.isEmpty() ? "" : "_");
    env.forEach((k, v) -> {
      if (k.startsWith(envStart) && k.length() > envStart.length()) {
        found.put(k.substring(envStart.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
      }
    });
    system.forEach((k, v) -> {
      if (k.startsWith(SYSTEM_PREFIX)) {
        putUnder(found, k.substring(SYSTEM_PREFIX.length()), dotted, v);
      }
    });
    builder.forEach((k, v) -> putUnder(found, k, dotted, v));
    return Map.copyOf(found);
  }

  private static void putUnder(Map<String, String> found, String key, String dotted, String v) {
    if (key.startsWith(dotted) && key.length() > dotted.length()) {
      found.put(key.substring(dotted.length()), v);
    }
  }

  @Override
  public <T extends Record> T bind(String prefix, T defaults) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(defaults, "defaults");
    return bindRecord(prefix, defaults);
  }

  private <T extends Record> T bindRecord(String prefix, T defaults) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) defaults.getClass();
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      Object fallback;
      try {
        component.getAccessor().setAccessible(true);
        fallback = component.getAccessor().invoke(defaults);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(
            "cannot read component " + component.getName() + " of " + type.getName(), e);
      }
      String base = prefix.isEmpty() ? "" : prefix + ".";
      if (fallback instanceof Record nested) {
        values[i] = bindRecord(base + kebab(component.getName()), nested);
        continue;
      }
      Optional<Map.Entry<String, String>> setting = lookup(base, component.getName());
      values[i] =
          setting.isEmpty()
              ? fallback
              : convert(setting.get().getKey(), setting.get().getValue(), component.getType());
    }
    try {
      Constructor<T> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalArgumentException(
          "the settings under '"
              + prefix
              + "' do not make a valid "
              + type.getSimpleName()
              + ": "
              + (cause == null ? e : cause.getMessage()),
          cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "cannot create " + type.getName() + " from settings; make it a public record", e);
    }
  }

  private Optional<Map.Entry<String, String>> lookup(String base, String component) {
    for (String name : new String[] {kebab(component), snake(component), component}) {
      Optional<String> value = get(base + name);
      if (value.isPresent()) {
        return Optional.of(Map.entry(base + name, value.get()));
      }
    }
    return Optional.empty();
  }

  private static Object convert(String key, String raw, Class<?> type) {
    String value = raw.strip();
    try {
      if (type == String.class) {
        return raw;
      }
      if (type == int.class || type == Integer.class) {
        return Integer.parseInt(value.replace("_", ""));
      }
      if (type == long.class || type == Long.class) {
        return Long.parseLong(value.replace("_", ""));
      }
      if (type == double.class || type == Double.class) {
        return Double.parseDouble(value);
      }
      if (type == boolean.class || type == Boolean.class) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
          return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("not true or false");
      }
      if (type == Duration.class) {
        return duration(value);
      }
      if (type.isEnum()) {
        for (Object constant : type.getEnumConstants()) {
          String name = ((Enum<?>) constant).name();
          if (name.equalsIgnoreCase(value) || name.equalsIgnoreCase(value.replace('-', '_'))) {
            return constant;
          }
        }
        throw new IllegalArgumentException(
            "not one of " + java.util.List.of(type.getEnumConstants()));
      }
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "setting '"
              + key
              + "' is '"
              + raw
              + "', which is not a valid "
              + type.getSimpleName()
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
              + "; fix the value or remove the setting to use the default",
          e);
    }
    throw new IllegalArgumentException(
        "setting '"
            + key
            + "' binds to a component of type "
            + type.getName()
            + ", which configuration cannot convert; use String, a number, boolean, enum,"
            + " Duration or a nested record");
  }

  private static Duration duration(String value) {
    Matcher shortForm = SHORT_DURATION.matcher(value);
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      return switch (shortForm.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    return Duration.parse(value);
  }

  /** The environment variable a key is read from, such as {@code AGENTKEEL_MEMORY_DATA_DIR}. */
  static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
