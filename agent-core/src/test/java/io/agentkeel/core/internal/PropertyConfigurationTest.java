package io.agentkeel.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PropertyConfigurationTest {

  enum Style {
    MASK,
    PSEUDONYMISE
  }

  record Window(Duration length, int slots) {}

  record Limits(
      int tokensPerMinute, Duration retryAfter, boolean enabled, Style style, Window window) {}

  private static final Limits DEFAULTS =
      new Limits(
          1_000, Duration.ofSeconds(1), true, Style.MASK, new Window(Duration.ofMinutes(1), 6));

  private static Properties props(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void builderWinsOverSystemPropertiesOverEnvironmentOverProperties() {
    PropertyConfiguration config =
        new PropertyConfiguration(
            Map.of("a.one", "builder"),
            props("agentkeel.a.one", "system", "agentkeel.a.two", "system", "a.one", "ignored"),
            Map.of("AGENTKEEL_A_ONE", "env", "AGENTKEEL_A_TWO", "env", "AGENTKEEL_A_THREE", "env"),
            props("a.one", "file", "a.two", "file", "a.three", "file", "a.four", "file"));

    assertThat(config.get("a.one")).contains("builder");
    assertThat(config.get("a.two")).contains("system");
    assertThat(config.get("a.three")).contains("env");
    assertThat(config.get("a.four")).contains("file");
    assertThat(config.get("a.five")).isEmpty();
    assertThat(config.withPrefix("a"))
        .containsEntry("one", "builder")
        .containsEntry("two", "system")
        .containsEntry("three", "env")
        .containsEntry("four", "file");
  }

  @Test
  void bindsKebabSnakeAndCamelKeysConvertingEachType() {
    PropertyConfiguration config =
        new PropertyConfiguration(
            Map.of(
                "security.limits.tokens-per-minute",
                "5_000",
                "security.limits.style",
                "pseudonymise"),
            new Properties(),
            Map.of("AGENTKEEL_SECURITY_LIMITS_RETRY_AFTER", "250ms"),
            props(
                "security.limits.enabled", "FALSE",
                "security.limits.window.length", "PT2M",
                "security.limits.window.slots", "12"));

    Limits bound = config.bind("security.limits", DEFAULTS);

    assertThat(bound)
        .isEqualTo(
            new Limits(
                5_000,
                Duration.ofMillis(250),
                false,
                Style.PSEUDONYMISE,
                new Window(Duration.ofMinutes(2), 12)));
    assertThat(
            PropertyConfiguration.of(Map.of("x.tokens_per_minute", "7"))
                .bind("x", DEFAULTS)
                .tokensPerMinute())
        .isEqualTo(7);
    assertThat(PropertyConfiguration.of(Map.of()).bind("x", DEFAULTS)).isEqualTo(DEFAULTS);
  }

  @Test
  void aBadValueIsRejectedNamingTheKeyTheValueAndTheType() {
    PropertyConfiguration config =
        PropertyConfiguration.of(Map.of("s.tokens-per-minute", "lots", "t.style", "shout"));

    assertThatThrownBy(() -> config.bind("s", DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'s.tokens-per-minute'")
        .hasMessageContaining("'lots'")
        .hasMessageContaining("int");
    assertThatThrownBy(() -> config.bind("t", DEFAULTS))
        .hasMessageContaining("'t.style'")
        .hasMessageContaining("MASK");
  }
}
