package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agentkeel.api.Agent;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The security module's settings count as read once an agent is wired with it, including the
 * secrets of environments other than the active one (one file commonly serves dev, staging and
 * prod), while a mistyped one is named with the key meant.
 */
class SecuritySettingsKnownTest {

  /** Where core reports unknown settings; by name, since core's internals are not ours to use. */
  private static final String REPORTER = "io.agentkeel.core.internal.UnknownSettings";

  @TempDir Path dir;

  @Test
  void otherEnvironmentsSecretsAreNotUnknownButAMistypedKeyIs() throws Exception {
    Path key = Files.writeString(dir.resolve("openai.key"), "sk-test-not-a-real-key\n");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(REPORTER);
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(log);
    try (Agent agent =
        AgentKeel.builder()
            .model("scripted", ScriptedChatModel.of(ModelScript.builder().build()))
            .noPluginDiscovery()
            .extension(new SecurityExtension())
            .setting("security.audit-file", dir.resolve("audit.log").toString())
            .setting("security.environment", "prod")
            .setting("security.secrets.prod.openai-key", "file:" + key)
            .setting("security.secrets.dev.openai-key", "env:AGENTKEEL_TEST_UNSET_VARIABLE")
            .setting("security.secrets.staging.openai-key", "env:AGENTKEEL_TEST_UNSET_VARIABLE")
            .setting("security.pii-stlye", "partial")
            .build()) {
      assertThat(log.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .singleElement()
          .satisfies(warning ->
              assertThat(warning)
                  .contains("setting 'security.pii-stlye' (did you mean 'security.pii-style'?)")
                  .doesNotContain("secrets"));
    } finally {
      logger.detachAppender(log);
      logger.setAdditive(true);
      logger.setLevel(null);
    }
  }
}
