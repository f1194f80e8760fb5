package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An array component binds what its schema offers, item by item, as a list component does: the
 * schema gives its items the schema of their type (lower-case enum values, snake_case record
 * components), which Jackson alone does not read.
 */
class ArrayArgumentsTest {

  enum Priority {
    LOW,
    VERY_HIGH
  }

  record Line(String orderId, Optional<Integer> quantity) {}

  record Batch(Priority[] priorities, Line[] lines, int[] counts) {}

  private final RegisteredTool tool =
      ToolCatalog.of(
              Tool.of(
                  Batch.class,
                  ToolDescriptor.builder("batch_orders")
                      .description("Handles a batch of order lines at once.")
                      .sideEffect(SideEffect.READ_ONLY)
                      .parameters(Batch.class)
                      .build(),
                  (batch, context) -> "ok"))
          .tools()
          .get(0);

  @Test
  void anArrayOfEnumsBindsTheLowerCaseValuesItsSchemaOffers() throws ToolException {
    assertThat(tool.parameterSchemaJson())
        .contains(
            "\"priorities\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"low\",\"very_high\"]}}");

    Batch batch =
        (Batch) tool.bind("{\"priorities\":[\"very_high\",\"low\"],\"lines\":[],\"counts\":[]}");

    assertThat(batch.priorities()).containsExactly(Priority.VERY_HIGH, Priority.LOW);
  }

  @Test
  void anArrayOfRecordsBindsSnakeCaseComponentsAndNullOptionals() throws ToolException {
    Batch batch =
        (Batch)
            tool.bind(
                "{\"priorities\":[],\"counts\":[1,2],"
                    + "\"lines\":[{\"order_id\":\"O-1\",\"quantity\":null},"
                    + "{\"order_id\":\"O-2\",\"quantity\":3}]}");

    assertThat(batch.lines())
        .containsExactly(new Line("O-1", Optional.empty()), new Line("O-2", Optional.of(3)));
    assertThat(batch.counts()).containsExactly(1, 2);
    assertThat(tool.canonicalArguments(batch))
        .isEqualTo(
            "{\"counts\":[1,2],\"lines\":[{\"order_id\":\"O-1\"},{\"order_id\":\"O-2\",\"quantity\":3}],"
                + "\"priorities\":[]}");
  }

  @Test
  void aBadItemOfAnArrayIsNamedByItsPath() {
    assertThatThrownBy(
            () -> tool.bind("{\"priorities\":[\"low\",\"urgent\"],\"lines\":[],\"counts\":[]}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.priorities[1]: expected one of \"low\", \"very_high\"");
  }
}
