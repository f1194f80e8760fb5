package io.agentkeel.core;

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
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.core.internal.PropertyConfiguration;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A setting in the agent's namespace that nothing installed reads is named once the agent is wired,
 * with the key that was probably meant, and never with its value; before, {@code
 * AGENTKEEL_SHOP_DATA_DRI} or {@code agentkeel.max-step} in a properties file left the default in
 * force without a word.
 */
class UnknownSettingsTest {

  private static final ChatModel MODEL =
      new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
          return ChatResponse.builder().aiMessage(AiMessage.from("unused")).build();
        }
      };

  /** The setting that chooses whether unknown settings warn, fail or are ignored. */
  private static final String MODE_KEY = "settings.unknown-keys";

  /** Where unknown settings are reported; by name, so this test compiles without it. */
  private static final String REPORTER = "io.agentkeel.core.internal.UnknownSettings";

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Map<String, String> builder = new HashMap<>();
  private final Properties system = new Properties();
  private final Map<String, String> env = new HashMap<>();
  private final Properties properties = new Properties();
  private URLClassLoader plugins;

  /** The settings of an installed extension, bound under {@code shop}. */
  public record ShopSettings(String dataDir, String password, int maxRetries) {
    static final ShopSettings DEFAULTS = new ShopSettings("/var/shop", "", 3);
  }

  /** An installed extension that reads its settings as the framework's modules do. */
  private static final class ShopExtension implements AgentExtension {
    @Override
    public String name() {
      return "shop";
    }

    @Override
    public void configure(ExtensionBinder binder) {
      binder.configuration().bind("shop", ShopSettings.DEFAULTS);
    }
  }

  /** An installed tool plugin that reads its one setting, {@code tools.example-orders.zone}. */
  public static final class ZonePlugin implements ToolProvider {
    @Override
    public String name() {
      return "example-orders";
    }

    @Override
    public String version() {
      return "1.0";
    }

    @Override
    public List<Tool<?, ?>> tools(ToolProviderContext context) {
      context.setting("zone");
      return List.of();
    }
  }

  @BeforeEach
  void captureLog() throws IOException {
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(REPORTER);
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(log);
    Path services = dir.resolve("META-INF/services/" + ToolProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, ZonePlugin.class.getName() + "\n");
    plugins =
        new URLClassLoader(
            new java.net.URL[] {dir.toUri().toURL()}, UnknownSettingsTest.class.getClassLoader());
  }

  @AfterEach
  void release() throws IOException {
    Logger logger = (Logger) LoggerFactory.getLogger(REPORTER);
    logger.detachAppender(log);
    logger.setAdditive(true);
    logger.setLevel(null);
    plugins.close();
  }

  @Test
  void aMistypedKeyIsNamedWithTheKeyMeantInTheFormOfItsSource() {
    properties.setProperty("shop.data-dri", "/srv/shop");
    system.setProperty("agentkeel.shop.max-retires", "5");
    env.put("AGENTKEEL_SHOP_DATA_DIRR", "/srv/shop");

    wire();

    assertThat(warnings())
        .singleElement()
        .satisfies(warning ->
            assertThat(warning)
                .startsWith(
                    "unknown settings, which nothing installed reads, so they have no"
                        + " effect: ")
                .contains("property 'shop.data-dri' (did you mean 'shop.data-dir'?)")
                .contains(
                    "system property 'agentkeel.shop.max-retires'"
                        + " (did you mean 'agentkeel.shop.max-retries'?)")
                .contains(
                    "environment variable AGENTKEEL_SHOP_DATA_DIRR"
                        + " (did you mean AGENTKEEL_SHOP_DATA_DIR?)")
                .contains("settings.unknown-keys=fail"));
  }

  @Test
  void aKeyInTheAgentsNamespaceThatNothingReadsIsNamedEvenWithoutASuggestion() {
    properties.setProperty("agentkeel.max-step", "5");
    env.put("AGENTKEEL_MAX_STEP", "5");

    wire();

    // Pinned whole: this is what a user reads.
    assertThat(warnings())
        .containsExactly(
            "unknown settings, which nothing installed reads, so they have no effect:"
                + " environment variable AGENTKEEL_MAX_STEP; property 'agentkeel.max-step'."
                + " Correct or remove them; settings.unknown-keys=fail refuses to start with them,"
                + " =ignore silences this");
  }

  @Test
  void aMisspelledPluginNameIsNamedWithThePluginsKey() {
    properties.setProperty("tools.exmaple-orders.time-zone", "Europe/Paris");
    env.put("AGENTKEEL_TOOLS_EXAMPEL_ORDERS_ZONE", "UTC");

    wire();

    assertThat(warnings())
        .singleElement()
        .satisfies(warning ->
            assertThat(warning)
                .contains(
                    "property 'tools.exmaple-orders.time-zone'"
                        + " (did you mean 'tools.example-orders.time-zone'?)")
                .contains(
                    "environment variable AGENTKEEL_TOOLS_EXAMPEL_ORDERS_ZONE"
                        + " (did you mean AGENTKEEL_TOOLS_EXAMPLE_ORDERS_ZONE?)"));
  }

  @Test
  void correctKeysAPluginsKeysAndOtherComponentsKeysWarnNothing() {
    builder.put("shop.max-retries", "4");
    properties.setProperty("shop.data-dir", "/srv/shop");
    system.setProperty("agentkeel.shop.password", "s3cret");
    env.put("AGENTKEEL_SHOP_MAX_RETRIES", "5");
    // The installed plugin's own setting, in both forms.
    properties.setProperty("tools.example-orders.zone", "Europe/Paris");
    env.put("AGENTKEEL_TOOLS_EXAMPLE_ORDERS_ZONE", "UTC");
    // Settings of a plugin and of a framework module not installed here, as a shared environment
    // or file may hold them.
    env.put("AGENTKEEL_TOOLS_HELP_DESK_ENDPOINT", "http://localhost");
    properties.setProperty("memory.data-dir", "/srv/memory");
    env.put("AGENTKEEL_SECURITY_PII_STYLE", "partial");
    // Variables read outside the configuration, and the application's own keys.
    env.put("AGENTKEEL_DATA_DIR", "/srv");
    env.put("AGENTKEEL_MODEL", "offline");
    properties.setProperty("currency", "EUR");
    system.setProperty("user.timezone", "UTC");
    env.put("HOME", "/home/agent");

    wire();

    assertThat(log.list).isEmpty();
  }

  @Test
  void theValueOfAnUnknownSettingIsNeverLoggedNorThrown() {
    properties.setProperty("shop.pasword", "hunter2-secret");
    env.put("AGENTKEEL_SHOP_PASSWROD", "hunter2-secret");

    wire();
    builder.put(MODE_KEY, "fail");

    assertThat(warnings())
        .singleElement()
        .satisfies(warning ->
            assertThat(warning)
                .contains("'shop.pasword' (did you mean 'shop.password'?)")
                .contains("AGENTKEEL_SHOP_PASSWROD (did you mean AGENTKEEL_SHOP_PASSWORD?)")
                .doesNotContain("hunter2"));
    assertThatThrownBy(this::wire)
        .hasMessageContaining("'shop.pasword'")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void failRefusesToStartNamingTheKeysAndIgnoreSaysNothing() {
    properties.setProperty("shop.data-dri", "/srv/shop");
    builder.put(MODE_KEY, "fail");

    assertThatThrownBy(this::wire)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property 'shop.data-dri' (did you mean 'shop.data-dir'?)")
        .hasMessageContaining("settings.unknown-keys=warn");

    builder.put(MODE_KEY, "ignore");
    wire();
    assertThat(log.list).isEmpty();
  }

  @Test
  void agentsBuiltFromTheSameSettingsWarnOnceAndNewUnknownSettingsWarnAgain() {
    properties.setProperty("shop.max-retires-twice", "5");

    wire();
    wire();
    wire();
    properties.setProperty("shop.data-dri-again", "/srv/shop");
    wire();

    // Before: one warning per agent built, so the demo's three agents printed it three times.
    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(0)).contains("'shop.max-retires-twice'");
    assertThat(warnings().get(1)).contains("'shop.data-dri-again'");
  }

  @Test
  void aMistypedModeIsNamedWithTheKeyMeant() {
    properties.setProperty("settings.unknown-key", "fail");

    wire();

    assertThat(warnings())
        .singleElement()
        .satisfies(warning ->
            assertThat(warning)
                .contains(
                    "property 'settings.unknown-key' (did you mean 'settings.unknown-keys'?)"));
  }

  /** Wires an agent with the shop extension and the plugin, as AgentKeel.build() does. */
  private void wire() {
    AgentSettings settings =
        new AgentSettings(
            List.of(new NamedModel("m", MODEL)),
            Map.of(),
            1,
            TaskScorer.FIFO,
            Optional.of(plugins),
            10,
            3,
            Clock.systemUTC(),
            new PropertyConfiguration(builder, system, env, properties));
    try {
      com.google.inject.Guice.createInjector(
              com.google.inject.Stage.PRODUCTION,
              new AgentCoreModule(settings, new ShopExtension()))
          .getInstance(io.agentkeel.api.Agent.class)
          .close();
    } catch (com.google.inject.CreationException e) {
      // The reason, not Guice's wrapping of it.
      throw e.getErrorMessages().iterator().next().getCause() instanceof RuntimeException reason
          ? reason
          : e;
    }
  }

  private List<String> warnings() {
    return log.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
