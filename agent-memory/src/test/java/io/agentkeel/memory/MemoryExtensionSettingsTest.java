package io.agentkeel.memory;

import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad memory setting fails the agent's start naming the key to fix, as core's settings do. */
class MemoryExtensionSettingsTest {

  @TempDir Path dir;

  @Test
  void aBadValueIsNamedByItsKey() {
    Map<String, String> bad =
        Map.of(
            "memory.session.max-turns", "0",
            "memory.session.max-sessions", "0",
            "memory.session.idle-timeout", "0s",
            "memory.long-term.embedding-model", "gpt-embeddings",
            "memory.long-term.exact-below", "-1");
    SoftAssertions softly = new SoftAssertions();
    bad.forEach((key, value) ->
        softly
            .assertThatThrownBy(() ->
                AgentKeel.builder()
                    .model("scripted", ScriptedChatModel.of(ModelScript.of()))
                    .extension(new MemoryExtension())
                    .setting("memory.data-dir", dir.resolve(key).toString())
                    .setting(key, value)
                    .noPluginDiscovery()
                    .build())
            .as(key)
            .hasStackTraceContaining("setting '" + key + "'"));
    softly
        .assertThatThrownBy(() ->
            AgentKeel.builder()
                .model("scripted", ScriptedChatModel.of(ModelScript.of()))
                .extension(new MemoryExtension())
                .setting("memory.data-dir", dir.resolve("redis").toString())
                .setting("memory.session.store", "redis")
                .setting("memory.session.max-turns", "0")
                .noPluginDiscovery()
                .build())
        .as("redis store")
        .hasStackTraceContaining("setting 'memory.session.max-turns'");
    softly.assertAll();
  }

  /**
   * A password holding a '/' makes the parser read what follows it as the port, and its message
   * quotes that piece of the URI ('For input string: "4dor3@127.0.0.1:6379/0"'), which no masking
   * of the URI finds: the piece of the password in it was printed.
   */
  @Test
  void aRedisUriWhosePasswordBreaksTheParserShowsNoPieceOfIt() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() ->
            RedisSessionMemory.connect(
                "redis://:Tr0ub/4dor3@127.0.0.1:6379/0",
                "agentkeel:session",
                10,
                java.time.Duration.ofMinutes(1)))
        .withMessageContaining("session memory cannot read the Redis URI")
        .withMessageNotContaining("Tr0ub")
        .withMessageNotContaining("4dor3")
        .withNoCause();
  }

  @Test
  void aRedisUriThatCannotBeReadIsNamedByItsKeyWithoutItsPassword() {
    for (String uri :
        java.util.List.of("redis://:Tr0ub4dor3@127.0.0.1:6379/0 x", "redis://u:Tr0ub4dor3@[bad")) {
      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(() ->
              AgentKeel.builder()
                  .model("scripted", ScriptedChatModel.of(ModelScript.of()))
                  .extension(new MemoryExtension())
                  .setting("memory.data-dir", dir.resolve("redis-uri").toString())
                  .setting("memory.session.store", "redis")
                  .setting("memory.session.redis-uri", uri)
                  .noPluginDiscovery()
                  .build());
      org.assertj.core.api.Assertions.assertThat(thrown)
          .as(uri)
          .hasStackTraceContaining("setting 'memory.session.redis-uri'");
      java.io.StringWriter trace = new java.io.StringWriter();
      thrown.printStackTrace(new java.io.PrintWriter(trace));
      org.assertj.core.api.Assertions.assertThat(trace.toString())
          .as(uri)
          .doesNotContain("Tr0ub4dor3");
    }
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() ->
            RedisSessionMemory.connect(
                "redis://:Tr0ub4dor3@127.0.0.1:6379/0 x",
                "agentkeel:session",
                10,
                java.time.Duration.ofMinutes(1)))
        .withMessageContaining("redis://:***@127.0.0.1:6379/0 x")
        .withNoCause();
  }
}
