package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings are printed by wiring errors and debug logs: their passwords never are. */
class MemorySettingsTest {

  @Test
  void printedSettingsHideEveryPassword() {
    MemorySettings.Session session =
        new MemorySettings.Session(
            MemorySettings.SessionStore.REDIS,
            10,
            5,
            Duration.ofMinutes(1),
            "redis://:hunter2@cache.internal:6379/0",
            "app:session");
    MemorySettings.Working working =
        new MemorySettings.Working(
            "jdbc:postgresql://db/app?password=hunter2", "app", "hunter2", "t_", true);

    assertThat(session.toString())
        .doesNotContain("hunter2")
        .contains("cache.internal:6379", "app:session", "REDIS");
    assertThat(working.toString()).doesNotContain("hunter2").contains("jdbc:postgresql://db/app");
  }
}
