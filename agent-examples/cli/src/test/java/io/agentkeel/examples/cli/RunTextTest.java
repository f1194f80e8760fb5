package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedOpenAiServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user reads in the text of {@code run}: the answer and the confidence's summary come from
 * the model, so their control characters are shown escaped, never obeyed, while the answer's line
 * breaks stay line breaks.
 */
class RunTextTest {

  @TempDir Path dataDir;

  @Test
  void aModelsAnswerCannotForgeOrClearWhatTheUserReads() throws Exception {
    ModelScript script =
        ModelScript.builder()
            .answer(
                "Your order shipped.\u001b]0;owned\u0007\u001b[2J\r\n"
                    + "outcome:    completed\u202e\n"
                    + "Thanks!",
                0.95,
                "checked\u001b[1A the order")
            .build();
    try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start(script)) {
      CliRun run =
          CliRun.of(
              dataDir,
              Map.of(),
              List.of(
                  "run",
                  "orders",
                  "Where is my order O-10001?",
                  "--model",
                  "openai",
                  "--base-url",
                  server.baseUrl()));

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out())
          .doesNotContain("\u001b")
          .doesNotContain("\u0007")
          .doesNotContain("\r")
          .doesNotContain("\u202e");
      List<String> lines = run.out().lines().toList();
      assertThat(lines)
          .containsSequence(
              "answer:     Your order shipped.\\u001b]0;owned\\u0007\\u001b[2J",
              "            outcome:    completed\\u202e",
              "            Thanks!");
      assertThat(lines.stream().filter(l -> l.startsWith("outcome:"))).hasSize(1);
      assertThat(lines).contains("confidence: 0.95 (checked\\u001b[1A the order)");
    }
  }
}
