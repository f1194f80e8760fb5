package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.SideEffect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Done-when 7: a scenario through the whole agent with SecurityExtension installed and secrets
 * configured; every log line, event and audit entry is captured and none holds a secret value, even
 * though the user pastes one and the model passes it to a tool.
 */
class SecretsScenarioTest {
  static final String API_KEY = "sk-proj-Zq8Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78";
  static final String DB_PASSWORD = "hunter2-correct-horse";

  @TempDir Path dir;

  /** A vault tool that stores what it is given. */
  public static final class VaultTools {
    final List<String> stored = new CopyOnWriteArrayList<>();

    /** What to store. */
    public record Item(String label, String value) {}

    @AgentTool(
        name = "store_credential",
        description = "Stores a credential in the team vault.",
        whenToUse = "When the user asks to keep a key or password.",
        scopes = "vault:write",
        sideEffect = SideEffect.WRITE)
    public String store(Item item) {
      stored.add(item.value());
      return "stored " + item.label();
    }
  }

  @Test
  void noSecretValueInAnyLogLineEventOrAuditEntry() throws Exception {
    Path key = dir.resolve("openai.key");
    Files.writeString(key, API_KEY + "\n");
    Path pw = dir.resolve("db.pw");
    Files.writeString(pw, DB_PASSWORD);
    Path audit = dir.resolve("audit.log");
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    VaultTools tools = new VaultTools();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level before = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    AgentResult result;
    try (Agent agent =
        AgentKeel.builder()
            .model(
                "scripted",
                ScriptedChatModel.of(
                    ModelScript.builder()
                        .toolCall(
                            "store_credential",
                            "{\"label\":\"db\",\"value\":\"" + DB_PASSWORD + "\"}")
                        .answer(
                            "Stored. For reference the key was " + API_KEY + ".", 0.95, "stored it")
                        .build()))
            .tools(tools)
            .extension(new SecurityExtension())
            .setting("security.environment", "prod")
            .setting("security.secrets.prod.openai-key", "file:" + key)
            .setting("security.secrets.prod.db-password", "file:" + pw)
            .setting("security.audit-file", audit.toString())
            .add(
                AgentEventListener.class,
                new AgentEventListener() {
                  @Override
                  public void onEvent(AgentEvent event, RunContext context) {
                    events.add(event);
                  }
                })
            .noPluginDiscovery()
            .build()) {
      result =
          agent.execute(
              Task.builder()
                  .input("Please keep our database password " + DB_PASSWORD + " in the vault.")
                  .principal(Principal.of("ops", "vault:write"))
                  .build());
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }
    String auditText = Files.readString(audit);
    assertThat(events).isNotEmpty();
    assertThat(auditText).contains("TaskStarted").contains("<SECRET:db-password>");
    for (String secret : List.of(API_KEY, DB_PASSWORD)) {
      for (AgentEvent e : events) {
        assertThat(e.toString()).as("event").doesNotContain(secret);
      }
      assertThat(auditText).as("audit").doesNotContain(secret);
      for (ILoggingEvent l : logs.list) {
        assertThat(l.getFormattedMessage()).as("log line").doesNotContain(secret);
        if (l.getThrowableProxy() != null) {
          assertThat(l.getThrowableProxy().getMessage())
              .as("logged exception")
              .doesNotContain(secret);
        }
      }
      assertThat(result.answer().orElse("")).as("answer").doesNotContain(secret);
    }
    assertThat(FileAuditLog.verify(audit).intact()).isTrue();
  }
}
