package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A map whose keys are not strings binds its keys and values as the schema names them: enum keys by
 * their lower-case values, integer keys from their digits, record values by their snake_case
 * components. Such maps went to Jackson, which read enum keys by their Java names and left a record
 * value's snake_case components null.
 */
class MapKeyArgumentsTest {

  enum Colour {
    RED,
    DARK_BLUE
  }

  record Line(String orderId) {}

  record Stock(Map<Colour, Integer> byColour, Map<Integer, Line> byShelf) {}

  private final RegisteredTool tool =
      ToolCatalog.of(
              Tool.of(
                  Stock.class,
                  ToolDescriptor.builder("count_stock")
                      .description("Counts the stock of the warehouse.")
                      .sideEffect(SideEffect.READ_ONLY)
                      .parameters(Stock.class)
                      .build(),
                  (stock, context) -> "ok"))
          .tools()
          .get(0);

  @Test
  void enumAndIntegerKeysAndRecordValuesBindAsTheSchemaNamesThem() throws ToolException {
    Stock stock =
        (Stock)
            tool.bind(
                "{\"by_colour\":{\"dark_blue\":2,\"red\":1},"
                    + "\"by_shelf\":{\"3\":{\"order_id\":\"O-1\"}}}");

    assertThat(stock.byColour()).isEqualTo(Map.of(Colour.DARK_BLUE, 2, Colour.RED, 1));
    assertThat(stock.byShelf()).isEqualTo(Map.of(3, new Line("O-1")));
    assertThat(tool.canonicalArguments(stock))
        .isEqualTo(
            "{\"by_colour\":{\"dark_blue\":2,\"red\":1},\"by_shelf\":{\"3\":{\"order_id\":\"O-1\"}}}");
  }

  @Test
  void theSchemaNamesTheKeysAMapTakes() {
    assertThat(tool.parameterSchemaJson())
        .contains("\"propertyNames\":{\"enum\":[\"red\",\"dark_blue\"]}")
        .contains("\"propertyNames\":{\"type\":\"string\",\"pattern\":\"^-?[0-9]+$\"}");
  }

  @Test
  void aKeyOfTheWrongKindIsNamedByItsPath() {
    assertThatThrownBy(() -> tool.bind("{\"by_colour\":{\"green\":1},\"by_shelf\":{}}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining(
            "$.by_colour.green: expected a key that is one of \"red\", \"dark_blue\"");
    assertThatThrownBy(
            () -> tool.bind("{\"by_colour\":{},\"by_shelf\":{\"top\":{\"order_id\":\"O-1\"}}}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining(
            "$.by_shelf.top: expected a key that is a string matching ^-?[0-9]+$");
  }

  @Test
  void twoTextsOfOneIntegerKeyAreRefusedRatherThanOneReplacingTheOther() {
    assertThatThrownBy(() ->
            tool.bind(
                "{\"by_colour\":{},\"by_shelf\":"
                    + "{\"3\":{\"order_id\":\"O-1\"},\"03\":{\"order_id\":\"O-2\"}}}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.by_shelf.03: expected each key once (\"3\" is the same key)");
  }
}
