package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class QuietTestLoggingTest {

  @Test
  void withoutAProjectConfigurationOnlyWarningsReachTheConsole() throws Exception {
    LoggerContext context = new LoggerContext();
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      QuietTestLogging quiet = new QuietTestLogging(empty);
      quiet.setContext(context);

      assertThat(quiet.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("agentkeel-testkit-console")).isNotNull();
  }

  @Test
  void aProjectsOwnLogbackTestXmlWins() {
    // This module's tests have src/test/resources/logback-test.xml.
    LoggerContext context = new LoggerContext();
    QuietTestLogging quiet = new QuietTestLogging(getClass().getClassLoader());
    quiet.setContext(context);

    assertThat(quiet.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("agentkeel-testkit-console"))
        .isNull();
  }

  @Test
  void logbackFindsTheConfigurator() {
    assertThat(
            ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(ServiceLoader.Provider::type))
        .contains(QuietTestLogging.class);
  }
}
