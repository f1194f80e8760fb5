package io.agentkeel.core.tool;

import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tool an agent can offer, loaded once at start-up: tools registered explicitly first, then
 * those of the {@link ToolProvider} plugins that {@link ServiceLoader} finds.
 *
 * <p>The order is deterministic: explicit tools in the order given, then plugins ordered by name
 * and class, each plugin's tools in the order it lists them. Two tools with one name stop the
 * catalog from loading with an error naming both sources. Each plugin is logged once at INFO with
 * its name, version and jar.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ToolCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(ToolCatalog.class);

  private final List<RegisteredTool> tools;
  private final Map<String, RegisteredTool> byName;

  private ToolCatalog(List<RegisteredTool> tools) {
    Map<String, RegisteredTool> names = new LinkedHashMap<>();
    List<String> clashes = new ArrayList<>();
    for (RegisteredTool tool : tools) {
      RegisteredTool previous = names.putIfAbsent(tool.name(), tool);
      if (previous != null) {
        clashes.add(
            "'"
                + tool.name()
                + "' is registered twice: by "
                + previous.source()
                + " and by "
                + tool.source());
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
   * Loads the tools registered explicitly, then those of every {@link ToolProvider} that {@link
   * ServiceLoader} finds through the given class loader.
   *
   * @param explicit tools registered in code, first in the catalog
   * @param classLoader where to look for plugins
   * @return the catalog
   * @throws IllegalStateException if two tools share a name (naming both sources), or a plugin
   *     cannot be loaded, names itself badly or its tools cannot be registered (naming the plugin
   *     and its jar)
   */
  public static ToolCatalog load(List<Tool<?, ?>> explicit, ClassLoader classLoader) {
    Objects.requireNonNull(explicit, "explicit");
    Objects.requireNonNull(classLoader, "classLoader");
    List<RegisteredTool> tools = new ArrayList<>(registerExplicit(explicit));
    for (ToolProvider provider : providers(classLoader)) {
      String jar = location(provider.getClass());
      String name = provider.name();
      String version = provider.version();
      if (name == null || name.isBlank()) {
        throw new IllegalStateException(
            "tool plugin "
                + provider.getClass().getName()
                + " in "
                + jar
                + " has no name; return one from ToolProvider.name()");
      }
      String source = name + " " + version + " (" + jar + ")";
      List<Tool<?, ?>> pluginTools;
      try {
        pluginTools = List.copyOf(provider.tools());
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "tool plugin " + source + " failed to list its tools: " + e.getMessage(), e);
      }
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
      LOG.info("Tool plugin {} {} from {}: {}", name, version, jar, names);
    }
    return new ToolCatalog(tools);
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
    return new ToolCatalog(registerExplicit(List.of(explicit)));
  }

  private static List<RegisteredTool> registerExplicit(List<Tool<?, ?>> explicit) {
    List<RegisteredTool> tools = new ArrayList<>();
    for (Tool<?, ?> tool : explicit) {
      tools.add(RegisteredTool.register(tool, RegisteredTool.EXPLICIT));
    }
    return tools;
  }

  private static List<ToolProvider> providers(ClassLoader classLoader) {
    List<ToolProvider> providers = new ArrayList<>();
    try {
      for (ToolProvider provider : ServiceLoader.load(ToolProvider.class, classLoader)) {
        providers.add(provider);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "a tool plugin could not be loaded ("
              + e.getMessage()
              + "); check its META-INF/services/"
              + ToolProvider.class.getName()
              + " entry and that the class has a public no-argument constructor",
          e);
    }
    providers.sort(
        Comparator.comparing((ToolProvider p) -> String.valueOf(p.name()))
            .thenComparing(p -> p.getClass().getName())
            .thenComparing(p -> location(p.getClass())));
    return providers;
  }

  /**
   * Where a class was loaded from: its jar or directory, or {@code unknown location}.
   *
   * @param type the class
   * @return the path
   */
  static String location(Class<?> type) {
    CodeSource code = type.getProtectionDomain().getCodeSource();
    URL url = code == null ? null : code.getLocation();
    if (url == null) {
      return "unknown location";
    }
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException
        | IllegalArgumentException
        | java.nio.file.FileSystemNotFoundException e) {
      return url.toString();
    }
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
