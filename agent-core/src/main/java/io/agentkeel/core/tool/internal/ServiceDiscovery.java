package io.agentkeel.core.tool.internal;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loader of plugins, for tool providers and agent extensions alike: implementations
 * registered explicitly first, in the order given, then those {@link ServiceLoader} finds through
 * the given class loader, ordered by name, class and jar so that the order does not depend on the
 * class path. Two plugins with one name fail naming both jars; a plugin without a name fails naming
 * its class and jar. Each plugin found is logged once at INFO with its name, version and jar.
 *
 * <p>Immutable and thread-safe; {@link #discover} may be called once per start-up.
 *
 * @param <T> the service type
 */
public final class ServiceDiscovery<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);

  /** The source of implementations registered in code rather than found in a jar. */
  public static final String EXPLICIT = "explicit registration";

  /**
   * One implementation and where it came from.
   *
   * @param service the implementation
   * @param name its name
   * @param version its version, or empty when unknown
   * @param location its jar or directory, or {@value ServiceDiscovery#EXPLICIT}
   * @param <T> the service type
   */
  public record Found<T>(T service, String name, String version, String location) {

    /**
     * Whether it was found by ServiceLoader rather than registered in code.
     *
     * @return whether it came from a jar
     */
    public boolean discovered() {
      return !EXPLICIT.equals(location);
    }

    /**
     * The source for logs and errors: {@code name version (jar)}, or {@value
     * ServiceDiscovery#EXPLICIT}.
     *
     * @return the source
     */
    public String source() {
      return discovered() ? name + " " + version + " (" + location + ")" : EXPLICIT;
    }
  }

  private final Class<T> type;
  private final String kind;
  private final Function<T, String> name;
  private final Function<T, String> version;

  /**
   * Describes what to discover.
   *
   * @param type the service interface, as listed in {@code META-INF/services}
   * @param kind what a plugin is called in messages, such as {@code tool plugin}
   * @param name reads an implementation's name
   * @param version reads an implementation's version
   */
  public ServiceDiscovery(
      Class<T> type, String kind, Function<T, String> name, Function<T, String> version) {
    this.type = Objects.requireNonNull(type, "type");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.name = Objects.requireNonNull(name, "name");
    this.version = Objects.requireNonNull(version, "version");
  }

  /**
   * The explicit implementations, then the discovered ones.
   *
   * @param explicit implementations registered in code
   * @param classLoader where to look for plugins; null to look for none
   * @return every implementation, in the order described above
   * @throws IllegalStateException if a plugin cannot be loaded, has no name, or shares its name
   *     with another; the message names the jars
   */
  public List<Found<T>> discover(List<? extends T> explicit, ClassLoader classLoader) {
    List<Found<T>> all = new ArrayList<>();
    for (T service : explicit) {
      Objects.requireNonNull(service, "explicit " + kind);
      all.add(new Found<>(service, String.valueOf(name.apply(service)), "", EXPLICIT));
    }
    if (classLoader == null) {
      return all;
    }
    List<Found<T>> found = new ArrayList<>();
    for (T service : load(classLoader)) {
      String jar = location(service.getClass());
      String serviceName = ask(service, jar, "name", name);
      if (serviceName == null || serviceName.isBlank()) {
        throw new IllegalStateException(
            kind
                + " "
                + service.getClass().getName()
                + " in "
                + jar
                + " has no name; return one from "
                + type.getSimpleName()
                + ".name()");
      }
      found.add(
          new Found<>(
              service, serviceName, String.valueOf(ask(service, jar, "version", version)), jar));
    }
    found.sort(
        Comparator.comparing((Found<T> f) -> f.name())
            .thenComparing(f -> f.service().getClass().getName())
            .thenComparing(Found::location));
    Map<String, Found<T>> byName = new LinkedHashMap<>();
    for (Found<T> plugin : found) {
      Found<T> previous = byName.putIfAbsent(plugin.name(), plugin);
      if (previous != null) {
        throw new IllegalStateException(
            "two "
                + kind
                + "s are named '"
                + plugin.name()
                + "': "
                + previous.source()
                + " and "
                + plugin.source()
                + ". Take one of the jars off the class path.");
      }
    }
    for (Found<T> plugin : found) {
      LOG.info("{} {} {} from {}", kind, plugin.name(), plugin.version(), plugin.location());
    }
    all.addAll(found);
    return all;
  }

  /** Reads a plugin's name or version, naming the plugin's class and jar when that fails. */
  private String ask(T service, String jar, String what, Function<T, String> read) {
    try {
      return read.apply(service);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          kind
              + " "
              + service.getClass().getName()
              + " in "
              + jar
              + " failed in "
              + type.getSimpleName()
              + "."
              + what
              + "(): "
              + e,
          e);
    }
  }

  private List<T> load(ClassLoader classLoader) {
    List<T> services = new ArrayList<>();
    try {
      for (T service : ServiceLoader.load(type, classLoader)) {
        services.add(service);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "a "
              + kind
              + " could not be loaded ("
              + e.getMessage()
              + "); check its META-INF/services/"
              + type.getName()
              + " entry and that the class has a public no-argument constructor",
          e);
    }
    return services;
  }

  /**
   * The {@code Implementation-Version} of a class's jar, for services that do not name their
   * version (every AgentKeel jar carries one).
   *
   * @param type the class
   * @return the version, or {@code unknown version}
   */
  public static String implementationVersion(Class<?> type) {
    String version =
        type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "unknown version" : version;
  }

  /**
   * Where a class was loaded from: its jar or directory, or {@code unknown location}.
   *
   * @param type the class
   * @return the path
   */
  public static String location(Class<?> type) {
    CodeSource code = type.getProtectionDomain().getCodeSource();
    URL url = code == null ? null : code.getLocation();
    if (url == null) {
      return "unknown location";
    }
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      return url.toString();
    }
  }
}
