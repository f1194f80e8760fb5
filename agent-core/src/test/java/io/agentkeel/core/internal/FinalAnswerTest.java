package io.agentkeel.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FinalAnswerTest {

  @Test
  void readsTheStructuredFormat() {
    FinalAnswer answer =
        FinalAnswer.parse(
            "{\"answer\": \"It shipped.\", \"confidence\": 0.82, \"reasoning_summary\": \"tracked\"}");

    assertThat(answer).isEqualTo(new FinalAnswer("It shipped.", Optional.of(0.82), "tracked"));
  }

  @Test
  void findsTheObjectInsideFencesOrProse() {
    FinalAnswer answer = FinalAnswer.parse("```json\n{\"answer\":\"Yes\",\"confidence\":1}\n```");

    assertThat(answer.answer()).isEqualTo("Yes");
    assertThat(answer.confidence()).contains(1.0);
    assertThat(answer.summary()).isEmpty();
  }

  @Test
  void ignoresUnknownFieldsIncludingNestedOnes() {
    FinalAnswer answer =
        FinalAnswer.parse(
            "{\"sources\":[{\"a\":1}],\"answer\":\"ok\",\"meta\":{\"x\":[1,2]},\"confidence\":0.5}");

    assertThat(answer.answer()).isEqualTo("ok");
    assertThat(answer.confidence()).contains(0.5);
  }

  @Test
  void confidenceOutsideTheUnitRangeOrNotANumberIsNotReported() {
    assertThat(FinalAnswer.parse("{\"answer\":\"a\",\"confidence\":1.5}").confidence()).isEmpty();
    assertThat(FinalAnswer.parse("{\"answer\":\"a\",\"confidence\":-0.1}").confidence()).isEmpty();
    assertThat(FinalAnswer.parse("{\"answer\":\"a\",\"confidence\":\"high\"}").confidence())
        .isEmpty();
  }

  @Test
  void textThatIsNotTheFormatIsAPlainAnswerWithoutConfidence() {
    assertThat(FinalAnswer.parse("  Your order shipped.  "))
        .isEqualTo(new FinalAnswer("Your order shipped.", Optional.empty(), ""));
    assertThat(FinalAnswer.parse("{\"text\":\"no answer field\"}").confidence()).isEmpty();
    assertThat(FinalAnswer.parse("{ broken json").answer()).isEqualTo("{ broken json");
    assertThat(FinalAnswer.parse(null).answer()).isEmpty();
  }

  @Test
  void twoDecimalsFormatsLikeStringFormat() {
    for (int i = 0; i <= 100; i++) {
      double value = i / 100.0;
      assertThat(AnswerRouter.twoDecimals(value))
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", value));
    }
  }
}
