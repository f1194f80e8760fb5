package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {

  @Test
  void keepsRegistrationOrderAndFindsByName() {
    Tool<?, ?> search = SampleTools.search();
    Tool<?, ?> manage = AnnotatedTools.of(new SampleTools.ModeTools()).get(0);
    ToolCatalog catalog = ToolCatalog.of(manage, search);
    assertThat(catalog.tools())
        .extracting(RegisteredTool::name)
        .containsExactly("manage_order", "search_customer_orders");
    assertThat(catalog.find("search_customer_orders"))
        .get()
        .satisfies(t -> {
          assertThat(t.tool()).isSameAs(search);
          assertThat(t.source()).isEqualTo("explicit registration");
        });
    assertThat(catalog.find("no_such_tool")).isEmpty();
  }

  @Test
  void twoExplicitToolsWithOneNameFailNamingBoth() {
    assertThatThrownBy(() -> ToolCatalog.of(SampleTools.search(), SampleTools.search()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'search_customer_orders' is registered twice")
        .hasMessageContaining("by explicit registration and by explicit registration");
  }

  @Test
  void loadWithoutPluginsHoldsTheExplicitToolsFirst() {
    ToolCatalog catalog =
        ToolCatalog.load(List.of(SampleTools.search()), ToolCatalogTest.class.getClassLoader());
    assertThat(catalog.tools())
        .extracting(RegisteredTool::name)
        .containsExactly("search_customer_orders");
  }

  @Test
  void aPluginSeesOnlyItsOwnSettingsWithoutThePrefix() {
    Map<String, String> settings =
        Map.of(
            "tools.help-desk.endpoint", "http://desk.local",
            "tools.help.desk.zone", "UTC",
            "tools.help.desk.endpoint", "from the environment",
            "tools.help-desk-extra.endpoint", "another plugin",
            "tools.help-desk.", "no key",
            "model.name", "gpt");

    assertThat(ToolCatalog.settingsOf("help-desk", settings))
        .containsExactly(Map.entry("endpoint", "http://desk.local"), Map.entry("zone", "UTC"));
    assertThat(ToolCatalog.settingsOf("billing", settings)).isEmpty();
  }
}
