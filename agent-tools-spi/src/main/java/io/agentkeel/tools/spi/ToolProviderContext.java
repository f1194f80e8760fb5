package io.agentkeel.tools.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ToolProvider} is given when it makes its tools: its own configuration and the class
 * loader that found it.
 *
 * <p>The settings are the agent's settings under {@code tools.<provider name>.}, with that prefix
 * removed: for the plugin {@code help-desk}, the setting {@code tools.help-desk.endpoint} is {@code
 * setting("endpoint")}. The agent reads its settings from the builder, system properties and
 * environment variables ({@code AGENTKEEL_TOOLS_HELP_DESK_ENDPOINT}); see the agent's documentation
 * for the order. Every setting under {@code tools.<provider name>.} belongs to the plugin, so the
 * agent never reports one as unknown; it does report a key under a name close to an installed
 * plugin's ({@code tools.help-dsk.endpoint}).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface ToolProviderContext {

  /**
   * The plugin's settings, keys without the {@code tools.<provider name>.} prefix.
   *
   * @return the settings; unmodifiable, possibly empty
   */
  Map<String, String> settings();

  /**
   * One setting of the plugin.
   *
   * @param key the key without the {@code tools.<provider name>.} prefix, such as {@code endpoint}
   * @return the value, if it is set
   */
  default Optional<String> setting(String key) {
    return Optional.ofNullable(settings().get(Objects.requireNonNull(key, "key")));
  }

  /**
   * One setting the plugin cannot work without.
   *
   * @param key the key without the {@code tools.<provider name>.} prefix
   * @return the value
   * @throws IllegalStateException if it is not set, naming the key
   */
  default String requireSetting(String key) {
    return setting(key)
        .orElseThrow(() ->
            new IllegalStateException(
                "setting '"
                    + key
                    + "' is not set; set tools.<plugin name>."
                    + key
                    + " in the agent's settings"));
  }

  /**
   * The class loader that found the plugin, for loading its resources and drivers.
   *
   * @return the class loader
   */
  ClassLoader classLoader();

  /**
   * Makes a context, for the agent and for plugin tests.
   *
   * @param settings the plugin's settings, keys without the prefix; copied
   * @param classLoader the class loader
   * @return the context
   * @throws NullPointerException if an argument, key or value is null
   */
  static ToolProviderContext of(Map<String, String> settings, ClassLoader classLoader) {
    return new io.agentkeel.tools.spi.internal.ProviderContext(
        Map.copyOf(settings), Objects.requireNonNull(classLoader, "classLoader"));
  }
}
