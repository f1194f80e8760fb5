package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.core.internal.PropertyConfiguration;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the typed configuration parser, {@code Configuration.bind} as core implements it: any
 * values under any of the keys bind or raise {@link IllegalArgumentException} naming the setting,
 * as the API documents. Nothing else escapes.
 */
class ConfigurationFuzzTest {

  /** An enum setting. */
  public enum Style {
    MASK,
    PSEUDONYMISE
  }

  /** A nested settings record. */
  public record Inner(Duration timeout, Integer retries) {}

  /** A settings record with a component of every type configuration converts. */
  public record Settings(
      int perMinute,
      long burst,
      double ratio,
      boolean failClosed,
      Duration window,
      Style style,
      String name,
      Inner inner) {}

  private static final Settings DEFAULTS =
      new Settings(
          60,
          10L,
          0.5,
          true,
          Duration.ofMinutes(1),
          Style.MASK,
          "default",
          new Inner(Duration.ofSeconds(5), 3));

  private static final List<String> KEYS =
      List.of(
          "fuzz.per-minute",
          "fuzz.per_minute",
          "fuzz.perMinute",
          "fuzz.burst",
          "fuzz.ratio",
          "fuzz.fail-closed",
          "fuzz.window",
          "fuzz.style",
          "fuzz.name",
          "fuzz.inner.timeout",
          "fuzz.inner.retries",
          "fuzz.unknown");

  @FuzzTest(maxDuration = "10m")
  void bindRaisesOnlyIllegalArgumentNamingTheSetting(FuzzedDataProvider data) {
    Map<String, String> settings = new HashMap<>();
    int count = data.consumeInt(0, KEYS.size());
    for (int i = 0; i < count; i++) {
      settings.put(KEYS.get(data.consumeInt(0, KEYS.size() - 1)), data.consumeString(48));
    }
    Settings bound;
    try {
      bound = PropertyConfiguration.of(settings).bind("fuzz", DEFAULTS);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage())
          .as("the error names the setting that is wrong")
          .containsAnyOf(settings.keySet().stream().map(k -> "'" + k + "'").toArray(String[]::new));
      return;
    }
    assertThat(bound).isNotNull();
    assertThat(bound.window()).isNotNull();
    assertThat(bound.inner()).isNotNull();
  }
}
