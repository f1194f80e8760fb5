package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolContext;
import io.agentkeel.tools.spi.ToolDescriptor;
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
        .hasMessageContaining(
            "by explicit registration (tool 1, parameters "
                + SampleTools.SearchOrders.class.getName()
                + ", described as \"Lists a customer's orders, newest first, at most 50.\")"
                + " and by explicit registration (tool 2, parameters");
  }

  /** A tool written as a class of its own. */
  static final class FindTool implements Tool<Find, String> {
    @Override
    public ToolDescriptor descriptor() {
      return ToolCatalogTest.descriptor("lookup", "Finds a customer.", Find.class);
    }

    @Override
    public String invoke(Find parameters, ToolContext context) {
      return "";
    }
  }

  record Lookup(String id) {}

  record Find(String query) {}

  @Test
  void twoToolsMadeWithToolOfWithOneNameFailNamingTheirRecordsAndDescriptions() {
    Tool<Lookup, String> first =
        Tool.of(
            Lookup.class, descriptor("lookup", "Looks up an order.", Lookup.class), (p, c) -> "");
    Tool<Find, String> second =
        Tool.of(Find.class, descriptor("lookup", "Finds a customer.", Find.class), (p, c) -> "");
    assertThatThrownBy(() -> ToolCatalog.of(SampleTools.search(), first, second))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "two tools share a name, so the agent cannot tell them apart: 'lookup' is registered"
                + " twice: by explicit registration (tool 2, parameters "
                + Lookup.class.getName()
                + ", described as \"Looks up an order.\") and by explicit registration (tool 3,"
                + " parameters "
                + Find.class.getName()
                + ", described as \"Finds a customer.\"). Rename one of each pair, or take one of"
                + " the jars off the class path.");
    assertThatThrownBy(() -> ToolCatalog.of(first, new FindTool()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "and by explicit registration (tool 2, class "
                + FindTool.class.getName()
                + ", parameters "
                + Find.class.getName()
                + ", described as \"Finds a customer.\")");
  }

  private static ToolDescriptor descriptor(
      String name, String description, Class<? extends Record> parameters) {
    return ToolDescriptor.builder(name)
        .description(description)
        .whenToUse("In tests.")
        .sideEffect(SideEffect.READ_ONLY)
        .parameters(parameters)
        .result(String.class)
        .build();
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
