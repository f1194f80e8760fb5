package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelScriptTest {

  @Test
  void afterDelaysOnlyTheNextStep() {
    ModelScript script =
        ModelScript.builder()
            .text("now")
            .after(Duration.ofMillis(30))
            .fail(ScriptedFailure.SERVER_ERROR)
            .answer("done", 1.0, "")
            .build();

    assertThat(script.steps())
        .extracting(ModelStep::delay)
        .containsExactly(Duration.ZERO, Duration.ofMillis(30), Duration.ZERO);
    assertThat(script.steps().get(1))
        .isEqualTo(new ModelStep.Failure(ScriptedFailure.SERVER_ERROR, Duration.ofMillis(30)));
  }

  @Test
  void aDelayWithoutAStepAfterItIsAMistake() {
    ModelScript.Builder builder = ModelScript.builder().text("x").after(Duration.ofSeconds(1));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no step follows it");
  }

  @Test
  void confidenceOutsideZeroToOneIsRefusedWithTheWayOut() {
    assertThatThrownBy(() -> ModelScript.builder().answer("x", 1.5, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("within [0, 1], was 1.5")
        .hasMessageContaining("use text()");
    assertThatThrownBy(() -> ModelStep.answer("x", Double.NaN, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aToolCallReplyNeedsACall() {
    assertThatThrownBy(() -> ModelScript.builder().toolCalls())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one call");
  }

  @Test
  void negativeDelaysAreRefused() {
    assertThatThrownBy(() -> ModelScript.builder().after(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelStep.text("x").after(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scriptIsACopyTheBuilderCannotChangeLater() {
    ModelScript.Builder builder = ModelScript.builder().text("one");
    ModelScript script = builder.build();
    builder.text("two");

    assertThat(script.size()).isOne();
    assertThatThrownBy(() -> script.steps().add(ModelStep.text("three")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
