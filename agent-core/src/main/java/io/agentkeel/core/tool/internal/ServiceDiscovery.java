package io.agentkeel.core.tool.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loader of plugins, for tool providers and agent extensions alike: implementations
 * registered explicitly first, in the order given, then those {@link ServiceLoader} finds through
 * the given class loader, ordered by name, class and jar so that the order does not depend on the
 * class path. Two plugins with one name fail naming both jars, as do two copies of one plugin (one
 * class listed by two jars, which ServiceLoader would load once); a plugin without a name fails
 * naming its class and jar. Each plugin found is logged once at INFO with its name, version and
 * jar.
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
    refuseCopies(classLoader);
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

  /**
   * Fails when one implementation class is listed by two jars or directories: two versions of one
   * plugin on the class path. ServiceLoader loads a class name once, so only the first would run,
   * without a word about the other.
   */
  private void refuseCopies(ClassLoader classLoader) {
    String listing = "META-INF/services/" + type.getName();
    Map<String, Set<String>> origins = new TreeMap<>();
    try {
      Enumeration<URL> files = classLoader.getResources(listing);
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        String origin = origin(file, listing);
        for (String provider : providers(file)) {
          origins.computeIfAbsent(provider, k -> new TreeSet<>()).add(origin);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException(
          "the " + kind + "s' " + listing + " files cannot be read: " + e, e);
    }
    for (Map.Entry<String, Set<String>> provider : origins.entrySet()) {
      if (provider.getValue().size() > 1) {
        throw new IllegalStateException(
            kind
                + " "
                + provider.getKey()
                + " is in "
                + String.join(" and in ", provider.getValue())
                + ": two copies of one plugin, of which only the first on the class path would"
                + " load. Take all but one of them off the class path.");
      }
    }
  }

  /**
   * The class names a {@code META-INF/services} file lists, without comments and blanks. Read
   * without the JDK's cache of open jars, as ServiceLoader reads it: a cached jar stays open for
   * the life of the process, after its class loader was closed too, and a jar replaced where it
   * stands would be read as it was.
   */
  private static List<String> providers(URL file) throws IOException {
    List<String> names = new ArrayList<>();
    URLConnection connection = file.openConnection();
    connection.setUseCaches(false);
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int comment = line.indexOf('#');
        String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * The jar or directory that holds a resource, by its real path where it exists: one jar reached
   * through a symbolic link as well as by its own name is one copy, which ServiceLoader loads once.
   */
  private static String origin(URL file, String listing) {
    String url = file.toString();
    int bang = url.indexOf("!/");
    String root =
        url.startsWith("jar:") && bang > 0
            ? url.substring("jar:".length(), bang)
            : url.endsWith(listing) ? url.substring(0, url.length() - listing.length()) : url;
    try {
      Path path = Path.of(new URI(root));
      try {
        return path.toRealPath().toString();
      } catch (IOException | SecurityException e) {
        return path.toString();
      }
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      return root;
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
