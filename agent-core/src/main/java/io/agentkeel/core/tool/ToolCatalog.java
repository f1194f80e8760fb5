package io.agentkeel.core.tool;

import io.agentkeel.core.tool.internal.ServiceDiscovery;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tool an agent can offer, loaded once at start-up: tools registered explicitly first, then
 * those of the {@link ToolProvider} plugins that {@link ServiceLoader} finds.
 *
 * <p>The order is deterministic: explicit tools in the order given, then plugins ordered by name
 * and class, each plugin's tools in the order it lists them. Two tools with one name stop the
 * catalog from loading with an error naming both sources. Each plugin is logged once at INFO with
 * its name, version and jar. Plugins are found by the same loader as agent extensions ({@code
 * ServiceDiscovery}); each {@link ToolProvider} gets its own settings and the class loader.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ToolCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(ToolCatalog.class);

  private static final ServiceDiscovery<ToolProvider> PLUGINS =
      new ServiceDiscovery<>(
          ToolProvider.class, "tool plugin", ToolProvider::name, ToolProvider::version);

  private final List<RegisteredTool> tools;
  private final Map<String, RegisteredTool> byName;
  private final List<String> plugins;

  private ToolCatalog(List<RegisteredTool> tools, List<String> plugins) {
    this.plugins = List.copyOf(plugins);
    Map<String, RegisteredTool> names = new LinkedHashMap<>();
    List<String> clashes = new ArrayList<>();
    for (RegisteredTool tool : tools) {
      RegisteredTool previous = names.putIfAbsent(tool.name(), tool);
      if (previous != null) {
        clashes.add(
            "'"
                + tool.name()
                + "' is registered twice: by "
                + origin(previous, tools)
                + " and by "
                + origin(tool, tools));
      }
    }
    if (!clashes.isEmpty()) {
      throw new IllegalStateException(
          "two tools share a name, so the agent cannot tell them apart: "
              + String.join("; ", clashes)
              + ". Rename one of each pair, or take one of the jars off the class path.");
    }
    this.tools = List.copyOf(tools);
    this.byName = Collections.unmodifiableMap(names);
  }

  /**
   * Where a tool came from, for a clash: a plugin names itself and its jar, but every explicit tool
   * has one source, so it is told apart by its place in the list, its class (unless the SPI made
   * it, with Tool.of or AnnotatedTools), its parameter record and its description.
   */
  private static String origin(RegisteredTool tool, List<RegisteredTool> tools) {
    if (!RegisteredTool.EXPLICIT.equals(tool.source())) {
      return tool.source();
    }
    Class<?> type = tool.tool().getClass();
    boolean madeBySpi = type.getPackageName().startsWith(Tool.class.getPackageName());
    return tool.source()
        + " (tool "
        + (tools.indexOf(tool) + 1)
        + ", "
        + (madeBySpi ? "" : "class " + type.getName() + ", ")
        + "parameters "
        + tool.descriptor().parameterType().getName()
        + ", described as \""
        + tool.descriptor().description()
        + "\")";
  }

  /**
   * Loads the tools registered explicitly, then those of every {@link ToolProvider} that {@link
   * ServiceLoader} finds through the given class loader, without plugin settings.
   *
   * @param explicit tools registered in code, first in the catalog
   * @param classLoader where to look for plugins
   * @return the catalog
   * @throws IllegalStateException if two tools share a name (naming both sources), or a plugin
   *     cannot be loaded, names itself badly or its tools cannot be registered (naming the plugin
   *     and its jar)
   * @see #load(List, Map, ClassLoader)
   */
  public static ToolCatalog load(List<Tool<?, ?>> explicit, ClassLoader classLoader) {
    return load(explicit, Map.of(), classLoader);
  }

  /**
   * Loads the tools registered explicitly, then those of every {@link ToolProvider} that {@link
   * ServiceLoader} finds through the given class loader, each made with its settings: the agent's
   * settings under {@code tools.<provider name>.}, prefix removed.
   *
   * @param explicit tools registered in code, first in the catalog
   * @param settings the agent's settings, flat dotted keys such as {@code tools.help-desk.endpoint}
   * @param classLoader where to look for plugins, and the class loader handed to them
   * @return the catalog
   * @throws IllegalStateException if two tools share a name (naming both sources), or a plugin
   *     cannot be loaded, names itself badly, fails to make its tools or its tools cannot be
   *     registered (naming the plugin and its jar)
   */
  public static ToolCatalog load(
      List<Tool<?, ?>> explicit, Map<String, String> settings, ClassLoader classLoader) {
    Objects.requireNonNull(explicit, "explicit");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(classLoader, "classLoader");
    List<RegisteredTool> tools = new ArrayList<>(registerExplicit(explicit));
    List<String> plugins = new ArrayList<>();
    for (ServiceDiscovery.Found<ToolProvider> plugin : PLUGINS.discover(List.of(), classLoader)) {
      String source = plugin.source();
      plugins.add(plugin.name());
      ToolProviderContext context =
          new PluginContext(Map.copyOf(settingsOf(plugin.name(), settings)), classLoader);
      List<Tool<?, ?>> listed;
      try {
        listed = plugin.service().tools(context);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "tool plugin " + source + " failed to make its tools: " + e.getMessage(), e);
      }
      if (listed == null || listed.stream().anyMatch(Objects::isNull)) {
        throw new IllegalStateException(
            "tool plugin "
                + source
                + (listed == null ? " returned no list" : " listed a null tool")
                + " from tools(); return its tools, or an empty list when it has none");
      }
      List<Tool<?, ?>> pluginTools = List.copyOf(listed);
      List<String> names = new ArrayList<>();
      for (Tool<?, ?> tool : pluginTools) {
        try {
          RegisteredTool registered = RegisteredTool.register(tool, source);
          tools.add(registered);
          names.add(registered.name());
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      LOG.debug("tool plugin {} offers {}", plugin.name(), names);
    }
    return new ToolCatalog(tools, plugins);
  }

  /**
   * The settings of one plugin: those under {@code tools.<name>.}, with that prefix removed. A
   * plugin name with hyphens is also matched in its dotted form ({@code tools.example.orders.}),
   * which is what an environment variable such as {@code AGENTKEEL_TOOLS_EXAMPLE_ORDERS_ZONE}
   * becomes; the hyphenated form wins when both set one key.
   *
   * @param pluginName the provider's name
   * @param settings the agent's settings
   * @return the plugin's settings
   */
  static Map<String, String> settingsOf(String pluginName, Map<String, String> settings) {
    Map<String, String> own = new TreeMap<>();
    String dotted = "tools." + pluginName.replace('-', '.') + ".";
    String exact = "tools." + pluginName + ".";
    for (String prefix : dotted.equals(exact) ? List.of(exact) : List.of(dotted, exact)) {
      settings.forEach((key, value) -> {
        if (key.startsWith(prefix) && key.length() > prefix.length() && value != null) {
          own.put(key.substring(prefix.length()), value);
        }
      });
    }
    return own;
  }

  /**
   * A plugin's context whose dashed or underscored keys are also found in the dotted form an
   * environment variable gives them: {@code AGENTKEEL_TOOLS_HELP_DESK_API_KEY} cannot say whether
   * its key was {@code api-key}, {@code api_key} or {@code api.key}, and reaches the plugin as
   * {@code api.key}. A key given exactly (by the builder, say) wins.
   */
  private record PluginContext(Map<String, String> settings, ClassLoader classLoader)
      implements ToolProviderContext {
    @Override
    public Optional<String> setting(String key) {
      Objects.requireNonNull(key, "key");
      String value = settings.get(key);
      if (value == null) {
        value = settings.get(key.replace('-', '.').replace('_', '.'));
      }
      return Optional.ofNullable(value);
    }
  }

  /**
   * Makes a catalog of explicitly registered tools only, without looking for plugins.
   *
   * @param explicit the tools, in catalog order
   * @return the catalog
   * @throws IllegalStateException if two tools share a name
   * @throws IllegalArgumentException if a tool cannot be registered, naming it and the fix
   */
  public static ToolCatalog of(Tool<?, ?>... explicit) {
    return new ToolCatalog(registerExplicit(List.of(explicit)), List.of());
  }

  private static List<RegisteredTool> registerExplicit(List<Tool<?, ?>> explicit) {
    List<RegisteredTool> tools = new ArrayList<>();
    for (Tool<?, ?> tool : explicit) {
      tools.add(RegisteredTool.register(tool, RegisteredTool.EXPLICIT));
    }
    return tools;
  }

  /**
   * The tools, explicit ones first, in registration order.
   *
   * @return the tools
   */
  public List<RegisteredTool> tools() {
    return tools;
  }

  /**
   * The names of the tool plugins the catalog was loaded from, in load order, including those that
   * offer no tool; each owns the settings under {@code tools.<name>.}.
   *
   * @return the names; empty for a catalog made without plugin discovery
   */
  public List<String> plugins() {
    return plugins;
  }

  /**
   * Finds a tool by name.
   *
   * @param name the tool's name, as the model called it
   * @return the tool, if there is one of that name
   */
  public Optional<RegisteredTool> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  @Override
  public String toString() {
    return "ToolCatalog" + byName.keySet();
  }
}
