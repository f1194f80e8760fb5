package io.agentkeel.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.rabbitmq.client.AMQP;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskMessagesTest {

  @Test
  void everyTaskComesBackAsItWasSent() {
    qt().forAll(
            strings().basicMultilingualPlaneAlphabet().ofLengthBetween(1, 40),
            strings().allPossible().ofLengthBetween(0, 200),
            strings().basicLatinAlphabet().ofLengthBetween(0, 20),
            integers().between(0, 3))
        .checkAssert((rawId, rawInput, value, n) -> {
          String id = "t" + wellFormed(rawId);
          String input = wellFormed(rawInput);
          Task.Builder builder =
              Task.builder()
                  .id(id)
                  .input(input)
                  .principal(new Principal("p-" + n, "tenant-" + n, Set.of("orders:read")))
                  .workflow("wf-" + n);
          for (int i = 0; i < n; i++) {
            builder.attribute("a" + i, value + i);
          }
          if (n % 2 == 1) {
            builder.sessionId("s-" + id);
          }
          Task task = builder.build();
          Task back = TaskMessages.task(TaskMessages.properties(task), TaskMessages.body(task));
          assertThat(back).isEqualTo(task);
        });
  }

  /** The text without unpaired surrogates, which UTF-8 cannot carry. */
  private static String wellFormed(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .filter(cp -> cp > 0xFFFF || !Character.isSurrogate((char) cp))
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  @Test
  void aTaskWithAnUnpairedSurrogateIsRefusedBeforeItIsSent() {
    Task task =
        Task.builder()
            .id("t-1")
            .input("half \uD83D of a smile")
            .principal(Principal.of("p"))
            .build();
    assertThatThrownBy(() -> TaskMessages.properties(task))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input")
        .hasMessageContaining("index 5");
  }

  /**
   * The tenant and the session id are texts of the task too: an unpaired surrogate in either
   * arrived as '?', so the task ran for another tenant or in another session than it was sent for.
   */
  @Test
  void aTenantOrSessionWithAnUnpairedSurrogateIsRefusedBeforeItIsSent() {
    // The principal refuses it itself, so no task can carry it.
    assertThatThrownBy(() -> new Principal("p", "acme\uDC00", Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant")
        .hasMessageContaining("index 4");

    Task otherSession =
        Task.builder()
            .id("t-2")
            .input("hello")
            .principal(Principal.of("p"))
            .sessionId("s\uD83D")
            .build();
    assertThatThrownBy(() -> TaskMessages.properties(otherSession))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("session id")
        .hasMessageContaining("index 1");
  }

  @Test
  void aMessageWithoutTheTaskHeadersIsRefusedNamingTheMissingOne() {
    AMQP.BasicProperties noId = new AMQP.BasicProperties.Builder().build();
    assertThatThrownBy(() -> TaskMessages.task(noId, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message id");
    AMQP.BasicProperties noWorkflow =
        new AMQP.BasicProperties.Builder()
            .messageId("t-1")
            .headers(Map.of("agentkeel-principal", "p", "agentkeel-tenant", "t"))
            .build();
    assertThatThrownBy(() -> TaskMessages.task(noWorkflow, new byte[0]))
        .hasMessageContaining("agentkeel-workflow");
  }
}
