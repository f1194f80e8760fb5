package io.agentkeel.tools.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolExceptionTest {

  @Test
  void retryableSaysARetryCanHelpAndCarriesNothingElse() {
    ToolException e = ToolException.retryable("the order service timed out; try again");

    assertThat(e.retryable()).isTrue();
    assertThat(e.messageForModel()).isEqualTo("the order service timed out; try again");
    assertThat(e.getMessage()).isEqualTo(e.messageForModel());
    assertThat(e.detailForLog()).isEmpty();
    assertThat(e.violations()).isEmpty();
    assertThat(e.getCause()).isNull();
  }

  @Test
  void permanentSaysARetryCannotHelp() {
    ToolException e = ToolException.permanent("no order A-17 exists");

    assertThat(e.retryable()).isFalse();
    assertThat(e.messageForModel()).isEqualTo("no order A-17 exists");
    assertThat(e.detailForLog()).isEmpty();
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void constructorKeepsTheLogDetailOutOfTheModelMessage() {
    IOException cause = new IOException("connection reset by 10.0.0.7");
    ToolException e =
        new ToolException(
            "the order service is unavailable", "POST /orders -> 503 from 10.0.0.7", true, cause);

    assertThat(e.messageForModel()).isEqualTo("the order service is unavailable");
    assertThat(e.messageForModel()).doesNotContain("10.0.0.7");
    assertThat(e.detailForLog()).contains("POST /orders -> 503 from 10.0.0.7");
    assertThat(e.retryable()).isTrue();
    assertThat(e.getCause()).isSameAs(cause);
  }

  @Test
  void detailForLogIsOptional() {
    ToolException e = new ToolException("no such customer", null, false, null);

    assertThat(e.detailForLog()).isEmpty();
    assertThat(e.retryable()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t"})
  void refusesABlankMessage(String blank) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ToolException.retryable(blank))
        .withMessage("a ToolException needs a message for the model");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ToolException.permanent(blank))
        .withMessage("a ToolException needs a message for the model");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ToolException(blank, "detail", false, null))
        .withMessage("a ToolException needs a message for the model");
  }

  @Test
  void refusesANullMessage() {
    assertThatNullPointerException()
        .isThrownBy(() -> ToolException.permanent(null))
        .withMessage("messageForModel");
  }

  @Test
  void invalidArgumentsListsEveryViolationWithItsPath() {
    List<ArgumentViolation> violations =
        List.of(
            new ArgumentViolation("$.date_range_days", "an integer at most 365", "400"),
            new ArgumentViolation("$.customer_id", "a string", "nothing"));

    ToolException e = ToolException.invalidArguments("search_orders", violations);

    assertThat(e.messageForModel())
        .isEqualTo(
            "invalid arguments for tool 'search_orders':\n"
                + "- $.date_range_days: expected an integer at most 365, got 400\n"
                + "- $.customer_id: expected a string, got nothing\n"
                + "Correct these arguments and call the tool again.");
    assertThat(e.retryable()).isTrue();
    assertThat(e.violations()).containsExactlyElementsOf(violations);
    assertThat(e.detailForLog()).isEmpty();
  }

  @Test
  void invalidArgumentsKeepsACopyOfTheViolations() {
    List<ArgumentViolation> violations = new ArrayList<>();
    violations.add(new ArgumentViolation("$.a", "a string", "1"));

    ToolException e = ToolException.invalidArguments("lookup", violations);
    violations.add(new ArgumentViolation("$.b", "a string", "2"));

    assertThat(e.violations()).hasSize(1);
    assertThatThrownBy(() -> e.violations().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void invalidArgumentsRefusesAnEmptyList() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ToolException.invalidArguments("search_orders", List.of()))
        .withMessage("invalidArguments needs at least one violation");
  }
}
