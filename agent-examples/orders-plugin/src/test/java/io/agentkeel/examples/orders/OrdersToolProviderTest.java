package io.agentkeel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersToolProviderTest {

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void makesItsToolsWithOrWithoutSettings() {
    assertThat(new OrdersToolProvider().tools(ToolProviderContext.of(Map.of(), loader)))
        .isNotEmpty();
    assertThat(
            new OrdersToolProvider()
                .tools(ToolProviderContext.of(Map.of("zone", "Asia/Tokyo"), loader)))
        .isNotEmpty();
  }

  @Test
  void aBadTimeZoneNamesTheSettingAndTheFix() {
    assertThatIllegalStateException()
        .isThrownBy(() ->
            new OrdersToolProvider()
                .tools(ToolProviderContext.of(Map.of("zone", "Mars/Olympus"), loader)))
        .withMessage(
            "setting zone is 'Mars/Olympus', which is no time zone; use e.g. Europe/Paris");
  }

  @Test
  void theAgentsSettingsReachThePluginFoundOnTheClassPath() {
    // tools.<provider name>.<key> in the agent's configuration is the plugin's own setting: a bad
    // zone given to the builder stops the agent from starting, naming the setting.
    assertThatIllegalStateException()
        .isThrownBy(() ->
            AgentKeel.builder()
                .model(
                    "scripted",
                    ScriptedChatModel.of(ModelScript.builder().answer("ok", 0.95, "ok").build()))
                .pluginClassLoader(loader)
                .setting("tools.example-orders.zone", "Mars/Olympus")
                .build())
        .withStackTraceContaining("setting zone is 'Mars/Olympus'");
  }
}
