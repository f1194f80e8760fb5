package io.agentkeel.tools.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolProviderContextTest {

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void readsSettingsByKeyWithoutThePrefix() {
    ToolProviderContext context =
        ToolProviderContext.of(Map.of("endpoint", "http://desk.local", "timeout", "5s"), loader);

    assertThat(context.setting("endpoint")).contains("http://desk.local");
    assertThat(context.setting("missing")).isEmpty();
    assertThat(context.requireSetting("timeout")).isEqualTo("5s");
    assertThat(context.classLoader()).isSameAs(loader);
  }

  @Test
  void aMissingRequiredSettingNamesTheKey() {
    ToolProviderContext context = ToolProviderContext.of(Map.of(), loader);

    assertThatIllegalStateException()
        .isThrownBy(() -> context.requireSetting("endpoint"))
        .withMessage(
            "setting 'endpoint' is not set; set tools.<plugin name>.endpoint in the agent's"
                + " settings");
  }

  @Test
  void copiesTheSettingsAndHidesValuesFromToString() {
    Map<String, String> settings = new HashMap<>(Map.of("api-key", "s3cr3t-value"));
    ToolProviderContext context = ToolProviderContext.of(settings, loader);
    settings.put("api-key", "changed");

    assertThat(context.setting("api-key")).contains("s3cr3t-value");
    assertThat(context.toString()).contains("api-key").doesNotContain("s3cr3t-value");
    assertThatThrownBy(() -> context.settings().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
