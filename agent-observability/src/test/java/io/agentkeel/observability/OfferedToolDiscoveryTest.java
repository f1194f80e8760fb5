package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.RunContext;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tools of the plugins found by ServiceLoader count as offered, each plugin on its own. */
class OfferedToolDiscoveryTest {

  /** A plugin that needs a setting to make its tools, as the SPI's own example does. */
  public static final class NeedsSettings implements ToolProvider {
    @Override
    public String name() {
      return "help-desk";
    }

    @Override
    public String version() {
      return "1.0";
    }

    @Override
    public List<Tool<?, ?>> tools(ToolProviderContext context) {
      context.requireSetting("endpoint");
      return List.of();
    }
  }

  /** A plugin that makes its tools without settings. */
  public static final class Shop implements ToolProvider {
    @Override
    public String name() {
      return "shop";
    }

    @Override
    public String version() {
      return "1.0";
    }

    @Override
    public List<Tool<?, ?>> tools(ToolProviderContext context) {
      return AnnotatedTools.of(new ShopTools());
    }
  }

  @Test
  void aPluginThatCannotMakeItsToolsWithoutSettingsDoesNotHideTheOthers(@TempDir Path dir)
      throws Exception {
    Path services = dir.resolve("META-INF/services/" + ToolProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, NeedsSettings.class.getName() + "\n" + Shop.class.getName() + "\n");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Observability observability =
          Observability.builder()
              .meterRegistry(registry)
              .openTelemetry(OpenTelemetry.noop())
              .classLoader(loader)
              .metrics(new MetricsSettings(true, "", true))
              .build();
      RunContext run = Events.run("t", Events.SUPPORT); // allows every tool
      observability
          .listener()
          .onEvent(new AgentEvent.TaskStarted("t", Events.AT, "support", "alice"), run);
      observability.listener().flush();
    }

    // Before: the first plugin's exception ended the discovery, so the shop's three tools were
    // not offered: no zero counters, and none counted as never called.
    assertThat(
            registry.get(MetricNames.TOOLS_NEVER_CALLED).tag("workflow", "support").gauge().value())
        .isEqualTo(3);
    assertThat(
            registry
                .get(MetricNames.TOOL_CALLS)
                .tags("workflow", "support", "tool", "refund", "result", "success")
                .counter()
                .count())
        .isZero();
  }
}
