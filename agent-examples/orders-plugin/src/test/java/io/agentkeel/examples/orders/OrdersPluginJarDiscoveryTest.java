package io.agentkeel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.examples.orders.legacy.LegacyOrdersProvider;
import io.agentkeel.tools.spi.ToolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a real jar on a class path: its compiled classes and META-INF/services, packed by
 * the test (the Maven jar does not exist yet when tests run), loaded through a class loader that
 * cannot see the plugin's classes on the test class path.
 */
class OrdersPluginJarDiscoveryTest {

  private static final String SERVICE = "META-INF/services/" + ToolProvider.class.getName();

  @TempDir Path dir;

  /** Delegates to the test class path, minus the plugin: its classes and its service file. */
  private static final class WithoutPlugin extends ClassLoader {
    WithoutPlugin(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.agentkeel.examples.orders.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return SERVICE.equals(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return SERVICE.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }

  private Path pluginJar(String name) throws Exception {
    Path classes =
        Path.of(
            OrdersToolProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(classes)) {
      return classes;
    }
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static URLClassLoader classPath(Path... jars) throws IOException {
    URL[] urls = new URL[jars.length];
    for (int i = 0; i < jars.length; i++) {
      urls[i] = jars[i].toUri().toURL();
    }
    return new URLClassLoader(
        urls, new WithoutPlugin(OrdersPluginJarDiscoveryTest.class.getClassLoader()));
  }

  @Test
  void withoutTheJarNoToolIsFound() throws Exception {
    try (URLClassLoader loader = classPath()) {
      assertThat(ToolCatalog.load(List.of(), loader).tools()).isEmpty();
    }
  }

  @Test
  void theJarOnTheClassPathContributesItsTools() throws Exception {
    Path jar = pluginJar("agent-example-orders-plugin.jar");
    try (URLClassLoader loader = classPath(jar)) {
      ToolCatalog catalog = ToolCatalog.load(List.of(), loader);
      assertThat(catalog.tools())
          .extracting(RegisteredTool::name)
          .containsExactly("cancel_order", "get_order", "refund_order", "search_customer_orders");
      assertThat(catalog.tools())
          .allSatisfy(t -> assertThat(t.source()).isEqualTo("example-orders 1.0.0 (" + jar + ")"));
      assertThat(catalog.tools().get(0).descriptor().parameterType().getClassLoader())
          .isSameAs(loader);
    }
  }

  /** Packs the legacy plugin of the test sources, whose tool name clashes, into its own jar. */
  private Path legacyJar() throws Exception {
    Path testClasses =
        Path.of(
            LegacyOrdersProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path legacy = testClasses.resolve("io/agentkeel/examples/orders/legacy");
    Path jar = dir.resolve("legacy-orders-0.9.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.list(legacy)) {
      out.putNextEntry(new JarEntry(SERVICE));
      out.write((LegacyOrdersProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(testClasses.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void twoJarsWithAClashingToolNameFailNamingBothJars() throws Exception {
    Path first = pluginJar("agent-example-orders-plugin.jar");
    Path second = legacyJar();
    try (URLClassLoader loader = classPath(first, second)) {
      assertThatThrownBy(() -> ToolCatalog.load(List.of(), loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'search_customer_orders' is registered twice")
          .hasMessageContaining(first.toString())
          .hasMessageContaining(second.toString());
    }
  }
}
