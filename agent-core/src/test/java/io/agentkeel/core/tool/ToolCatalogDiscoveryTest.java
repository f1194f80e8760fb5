package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.tool.internal.ServiceDiscovery;
import io.agentkeel.tools.spi.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Discovery on real class paths: plugin jars compiled and packed by the test, loaded by URL. */
class ToolCatalogDiscoveryTest {

  @TempDir Path dir;
  private final List<URLClassLoader> loaders = new ArrayList<>();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(ServiceDiscovery.class);
    logger.setLevel(Level.INFO);
    logger.addAppender(log);
  }

  @AfterEach
  void close() throws IOException {
    Logger logger = (Logger) LoggerFactory.getLogger(ServiceDiscovery.class);
    logger.detachAppender(log);
    logger.setLevel(null);
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  @Test
  void noPluginJarGivesAnEmptyCatalog() {
    ToolCatalog catalog = ToolCatalog.load(List.of(), classPath());
    assertThat(catalog.tools()).isEmpty();
    assertThat(log.list).isEmpty();
  }

  @Test
  void onePluginJarContributesItsToolsAndIsLoggedOnce() throws Exception {
    Path jar =
        pluginJar(
            "billing.jar",
            "com.example.billing",
            "billing",
            "2.1.0",
            "get_invoice",
            "list_invoices");
    ToolCatalog catalog = ToolCatalog.load(List.of(SampleTools.search()), classPath(jar));
    assertThat(catalog.tools())
        .extracting(RegisteredTool::name)
        .containsExactly("search_customer_orders", "get_invoice", "list_invoices");
    assertThat(catalog.find("get_invoice").orElseThrow().source())
        .isEqualTo("billing 2.1.0 (" + jar + ")");
    assertThat(log.list)
        .singleElement()
        .satisfies(event ->
            assertThat(event.getFormattedMessage())
                .contains("billing")
                .contains("2.1.0")
                .contains(jar.toString()));
  }

  @Test
  void orderDoesNotDependOnClassPathOrder() throws Exception {
    Path a = pluginJar("a.jar", "com.example.a", "alpha", "1", "get_alpha");
    Path b = pluginJar("b.jar", "com.example.b", "beta", "1", "get_beta");
    List<String> forward = names(ToolCatalog.load(List.of(), classPath(a, b)));
    List<String> backward = names(ToolCatalog.load(List.of(), classPath(b, a)));
    assertThat(forward).containsExactly("get_alpha", "get_beta").isEqualTo(backward);
  }

  @Test
  void twoJarsWithAClashingToolNameFailNamingBothJars() throws Exception {
    Path orders = pluginJar("orders-1.0.jar", "com.example.orders", "orders", "1.0", "get_order");
    Path legacy =
        pluginJar(
            "legacy-orders-0.9.jar", "com.example.legacy", "legacy-orders", "0.9", "get_order");
    assertThatThrownBy(() -> ToolCatalog.load(List.of(), classPath(orders, legacy)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'get_order'")
        .hasMessageContaining(orders.toString())
        .hasMessageContaining(legacy.toString())
        .hasMessageContaining("Rename one");
  }

  @Test
  void anExplicitToolClashingWithAPluginNamesBoth() throws Exception {
    Path jar =
        pluginJar("orders.jar", "com.example.orders", "orders", "1.0", "search_customer_orders");
    assertThatThrownBy(() -> ToolCatalog.load(List.of(SampleTools.search()), classPath(jar)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("explicit registration")
        .hasMessageContaining(jar.toString());
  }

  @Test
  void eachPluginGetsItsOwnSettingsAndTheClassLoader() throws Exception {
    Path billing = pluginJar("billing.jar", "com.example.billing", "billing", "2.1.0", "get_bill");
    Path desk = pluginJar("desk.jar", "com.example.desk", "help-desk", "1.0", "get_ticket");
    ClassLoader loader = classPath(billing, desk);
    ToolCatalog catalog =
        ToolCatalog.load(
            List.of(),
            Map.of(
                "tools.help-desk.endpoint", "http://desk.local",
                "tools.billing-extra.endpoint", "wrong plugin",
                "model.name", "gpt"),
            loader);

    assertThat(call(catalog, "get_ticket")).isEqualTo("T-1 via http://desk.local");
    assertThat(call(catalog, "get_bill")).isEqualTo("T-1 via none");
  }

  @Test
  void aPluginThatCannotMakeItsToolsStopsStartUpNamingItsJar() throws Exception {
    Path desk = pluginJar("desk.jar", "com.example.desk", "help-desk", "1.0", "get_ticket");
    assertThatThrownBy(() ->
            ToolCatalog.load(
                List.of(), Map.of("tools.help-desk.fail", "the desk"), classPath(desk)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "tool plugin help-desk 1.0 ("
                + desk
                + ") failed to make its tools: cannot reach the desk");
  }

  @Test
  void twoPluginsWithOneNameFailNamingBothJars() throws Exception {
    Path one = pluginJar("desk-1.jar", "com.example.one", "help-desk", "1.0", "get_ticket");
    Path two = pluginJar("desk-2.jar", "com.example.two", "help-desk", "2.0", "get_case");
    assertThatThrownBy(() -> ToolCatalog.load(List.of(), classPath(one, two)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two tool plugins are named 'help-desk'")
        .hasMessageContaining(one.toString())
        .hasMessageContaining(two.toString());
  }

  @Test
  void twoVersionsOfOnePluginFailNamingBothJars() throws Exception {
    Path old = pluginJar("shipping-1.0.jar", "com.example.shipping", "shipping", "1.0", "get_a");
    Path now = pluginJar("shipping-1.1.jar", "com.example.shipping", "shipping", "1.1", "get_b");

    // Before: ServiceLoader loads a class name once, so 1.0 ran and 1.1 was never mentioned.
    assertThatThrownBy(() -> ToolCatalog.load(List.of(), classPath(old, now)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.example.shipping.Plugin")
        .hasMessageContaining(old.toString())
        .hasMessageContaining(now.toString())
        .hasMessageContaining("two copies of one plugin");
  }

  @Test
  void oneJarOnTheClassPathAlsoThroughASymbolicLinkIsOneCopy() throws Exception {
    Path jar = pluginJar("shipping-1.0.jar", "com.example.shipping", "shipping", "1.0", "get_a");
    Path link = Files.createSymbolicLink(dir.resolve("shipping-current.jar"), jar);

    // Before: the link and the jar counted as two copies, and start-up failed.
    assertThat(names(ToolCatalog.load(List.of(), classPath(link, jar)))).containsExactly("get_a");
  }

  @Test
  void anAgentBuiltOverTwoCopiesOfOnePluginSaysSoOnce() throws Exception {
    Path old = pluginJar("shipping-1.0.jar", "com.example.shipping", "shipping", "1.0", "get_a");
    Path now = pluginJar("shipping-1.1.jar", "com.example.shipping", "shipping", "1.1", "get_b");
    ChatModel model =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from("unused")).build();
          }
        };

    // Before: the wiring error repeated the reason once for each place that needed the tools.
    assertThatThrownBy(() ->
            AgentKeel.builder().model("m", model).pluginClassLoader(classPath(old, now)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the agent could not be wired: ")
        .satisfies(
            e -> assertThat(e.getMessage().split("two copies of one plugin", -1)).hasSize(2));
  }

  @Test
  void oneJarOnTheClassPathTwiceIsOnePlugin() throws Exception {
    Path jar = pluginJar("shipping.jar", "com.example.shipping", "shipping", "1.0", "get_a");

    ToolCatalog catalog = ToolCatalog.load(List.of(), classPath(jar, jar));

    assertThat(names(catalog)).containsExactly("get_a");
  }

  /**
   * A plugin jar replaced where it stands, then found by a new class loader, is read as it is now:
   * the check for copies of one plugin read each services listing through the JDK's cache of open
   * jars, which keeps a jar open for good (after its class loader was closed too) and went on
   * reading the replaced jar's listing, so a jar that no longer held the shipping plugin was taken
   * for a second copy of it.
   */
  @Test
  void aPluginJarReplacedWhereItStandsIsReadAsItIsNow() throws Exception {
    Path jar = pluginJar("plugin.jar", "com.example.shipping", "shipping", "1.0", "get_a");
    assertThat(names(ToolCatalog.load(List.of(), classPath(jar)))).containsExactly("get_a");
    Path tracking = pluginJar("tracking.jar", "com.example.tracking", "tracking", "1.0", "get_b");
    Files.delete(jar);
    Files.move(tracking, jar);
    Path shipping = pluginJar("shipping.jar", "com.example.shipping", "shipping", "1.0", "get_a");

    ToolCatalog catalog = ToolCatalog.load(List.of(), classPath(jar, shipping));

    assertThat(names(catalog)).containsExactlyInAnyOrder("get_a", "get_b");
  }

  /** A plugin whose body is {@code members}, in package {@code com.example.odd}. */
  private Path oddPlugin(String members) throws Exception {
    return jar(
        "odd.jar",
        "com.example.odd",
        """
        package com.example.odd;

        import io.agentkeel.tools.spi.*;
        import java.util.*;

        public final class Plugin implements ToolProvider {
          public record Args(@Param("The record's id.") String id) {}

        %s
        }
        """
            .formatted(members));
  }

  @Test
  void aDashedSettingOfAPluginIsFoundWhenItComesFromTheEnvironment() throws Exception {
    // AGENTKEEL_TOOLS_ODD_API_KEY cannot say whether its key was api-key, api_key or api.key.
    Path odd =
        oddPlugin(
            """
              public String name() { return "odd"; }
              public String version() { return "1.0"; }
              public List<Tool<?, ?>> tools(ToolProviderContext c) {
                throw new IllegalStateException("api-key=" + c.requireSetting("api-key"));
              }
            """);
    io.agentkeel.core.AgentSettings settings =
        new io.agentkeel.core.AgentSettings(
            List.of(
                new io.agentkeel.core.NamedModel(
                    "m",
                    new ChatModel() {
                      @Override
                      public ChatResponse doChat(ChatRequest request) {
                        return ChatResponse.builder().aiMessage(AiMessage.from("unused")).build();
                      }
                    })),
            Map.of(),
            1,
            io.agentkeel.core.TaskScorer.FIFO,
            java.util.Optional.of(classPath(odd)),
            10,
            3,
            java.time.Clock.systemUTC(),
            new io.agentkeel.core.internal.PropertyConfiguration(
                Map.of(),
                new java.util.Properties(),
                Map.of("AGENTKEEL_TOOLS_ODD_API_KEY", "k-123"),
                new java.util.Properties()));

    assertThatThrownBy(() ->
            com.google.inject.Guice.createInjector(new io.agentkeel.core.AgentCoreModule(settings))
                .getInstance(ToolCatalog.class))
        .hasMessageContaining("failed to make its tools: api-key=k-123");
  }

  @Test
  void aPluginWhoseNameFailsStopsStartUpNamingItsClassAndJar() throws Exception {
    Path odd =
        oddPlugin(
            """
              public String name() { throw new IllegalStateException("no name yet"); }
              public String version() { return "1.0"; }
              public List<Tool<?, ?>> tools(ToolProviderContext c) { return List.of(); }
            """);
    assertThatThrownBy(() -> ToolCatalog.load(List.of(), classPath(odd)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "tool plugin com.example.odd.Plugin in "
                + odd
                + " failed in ToolProvider.name(): java.lang.IllegalStateException: no name yet");
  }

  @Test
  void aPluginListingANullToolStopsStartUpNamingIt() throws Exception {
    Path odd =
        oddPlugin(
            """
              public String name() { return "odd"; }
              public String version() { return "1.0"; }
              public List<Tool<?, ?>> tools(ToolProviderContext c) {
                return Arrays.asList((Tool<?, ?>) null);
              }
            """);
    assertThatThrownBy(() -> ToolCatalog.load(List.of(), classPath(odd)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "tool plugin odd 1.0 ("
                + odd
                + ") listed a null tool from tools(); return its tools, or an empty list when it"
                + " has none");
  }

  @Test
  void aPluginToolThatCannotDescribeItselfStopsStartUpNamingThePlugin() throws Exception {
    Path odd =
        oddPlugin(
            """
              public String name() { return "odd"; }
              public String version() { return "1.0"; }
              public List<Tool<?, ?>> tools(ToolProviderContext c) {
                return List.of(new Tool<Args, String>() {
                  public ToolDescriptor descriptor() {
                    return ToolDescriptor.builder("get_record").description("Gets a record.")
                        .parameters(Args.class).build();
                  }
                  public String invoke(Args p, ToolContext context) { return p.id(); }
                });
              }
            """);
    assertThatThrownBy(() -> ToolCatalog.load(List.of(), classPath(odd)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("tool com.example.odd.Plugin$1 from odd 1.0 (" + odd + ")")
        .hasMessageContaining(
            "failed to describe itself: java.lang.NullPointerException: tool 'get_record' needs a"
                + " sideEffect");
  }

  @SuppressWarnings("unchecked")
  private static Object call(ToolCatalog catalog, String name) throws Exception {
    RegisteredTool tool = catalog.find(name).orElseThrow();
    Record arguments = tool.bind("{\"id\":\"T-1\"}");
    return ((io.agentkeel.tools.spi.Tool<Record, Object>) tool.tool())
        .invoke(
            arguments,
            new io.agentkeel.tools.spi.ToolContext("task", "principal", java.time.Instant.MAX));
  }

  private static List<String> names(ToolCatalog catalog) {
    return catalog.tools().stream().map(RegisteredTool::name).toList();
  }

  private ClassLoader classPath(Path... jars) {
    URL[] urls =
        Stream.of(jars)
            .map(jar -> {
              try {
                return jar.toUri().toURL();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
            .toArray(URL[]::new);
    URLClassLoader loader =
        new URLClassLoader(urls, ToolCatalogDiscoveryTest.class.getClassLoader());
    loaders.add(loader);
    return loader;
  }

  /** Compiles a ToolProvider with the given tools against the SPI and packs it as a plugin jar. */
  private Path pluginJar(String jarName, String pkg, String plugin, String version, String... tools)
      throws Exception {
    StringBuilder list = new StringBuilder();
    for (String tool : tools) {
      if (!list.isEmpty()) {
        list.append(",\n");
      }
      list.append(
          """
          Tool.of(Args.class, ToolDescriptor.builder("%s")
              .description("Looks up one record by its id.")
              .whenToUse("When the user gives an id.")
              .sideEffect(SideEffect.READ_ONLY)
              .parameters(Args.class)
              .result(String.class)
              .build(), (p, c) -> p.id() + " via " + context.setting("endpoint").orElse("none"))\
          """
              .formatted(tool));
    }
    String source =
"""
        package %s;

        import io.agentkeel.tools.spi.*;
        import java.util.List;
import java.util.Map;

        public final class Plugin implements ToolProvider {
          public record Args(@Param("The record's id.") String id) {}

          public String name() { return "%s"; }

          public String version() { return "%s"; }

          public List<Tool<?, ?>> tools(ToolProviderContext context) {
            if (context.setting("fail").isPresent()) {
              throw new IllegalStateException("cannot reach " + context.requireSetting("fail"));
            }
            return List.of(
        %s);
          }
        }
"""
            .formatted(pkg, plugin, version, list);
    return jar(jarName, pkg, source);
  }

  /** Compiles the source of {@code pkg.Plugin} against the SPI and packs it as a plugin jar. */
  private Path jar(String jarName, String pkg, String source) throws Exception {
    Path sources = Files.createDirectories(dir.resolve(jarName + "-src"));
    Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
    Path file = sources.resolve("Plugin.java");
    Files.writeString(file, source);
    JavaCompiler compiler = javax.tools.ToolProvider.getSystemJavaCompiler();
    String spi =
        Path.of(ToolProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    int status =
        compiler.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            spi,
            "--release",
            "21",
            file.toString());
    assertThat(status).as("compiling the plugin").isZero();
    Path jar = dir.resolve(jarName);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      put(
          out,
          "META-INF/services/" + ToolProvider.class.getName(),
          (pkg + ".Plugin\n").getBytes(StandardCharsets.UTF_8));
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path path : files.filter(Files::isRegularFile).toList()) {
          put(
              out,
              classes.relativize(path).toString().replace('\\', '/'),
              Files.readAllBytes(path));
        }
      }
    }
    return jar;
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream stream = out;
    stream.write(bytes);
    out.closeEntry();
  }
}
