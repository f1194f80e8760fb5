package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A BigDecimal argument gets every digit the model sent, not the nearest double. */
class DecimalArgumentsTest {

  record Refund(
      BigDecimal amount,
      @Default("0.30000000000000000001") BigDecimal rate,
      Optional<Float> weight,
      Optional<Double> ratio) {}

  private final RegisteredTool tool =
      ToolCatalog.of(
              Tool.of(
                  Refund.class,
                  ToolDescriptor.builder("refund_amount")
                      .description("Refunds an amount to a customer.")
                      .sideEffect(SideEffect.WRITE)
                      .scopes("payments:write")
                      .parameters(Refund.class)
                      .build(),
                  (refund, context) -> "ok"))
          .tools()
          .get(0);

  @Test
  void aDecimalArgumentKeepsEveryDigit() throws ToolException {
    Refund refund = (Refund) tool.bind("{\"amount\":12345678901234567.89}");

    assertThat(refund.amount()).isEqualByComparingTo("12345678901234567.89");
    assertThat(tool.canonicalArguments(refund)).contains("12345678901234567.89");
  }

  @Test
  void aDecimalDefaultKeepsEveryDigit() throws ToolException {
    Refund refund = (Refund) tool.bind("{\"amount\":1}");

    assertThat(refund.rate()).isEqualByComparingTo("0.30000000000000000001");
  }

  @Test
  void aFloatingPointArgumentOutOfRangeIsNamedByItsPath() {
    assertThatThrownBy(() -> tool.bind("{\"amount\":1,\"weight\":1e300}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.weight: expected a number, got 1E+300");
    assertThatThrownBy(() -> tool.bind("{\"amount\":1,\"ratio\":-1e400}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.ratio: expected a number, got -1E+400");
  }
}
