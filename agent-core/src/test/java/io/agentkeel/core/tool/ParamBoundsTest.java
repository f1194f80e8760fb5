package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A {@link Param} bound that the schema cannot carry, or that no value meets, is refused at
 * registration, naming the component and the fix, instead of being dropped while the tool gets the
 * values its author meant to refuse.
 */
class ParamBoundsTest {

  record Reversed(@Param(value = "How many.", min = 10, max = 1) int count) {}

  record ReversedLength(@Param(value = "A name.", minLength = 5, maxLength = 2) String name) {}

  record RangeOnString(@Param(value = "A code.", min = 1, max = 5) String code) {}

  record PatternOnList(@Param(value = "Tags.", pattern = "^[a-z]+$") List<String> tags) {}

  record LengthOnNumber(@Param(value = "An amount.", maxLength = 3) int amount) {}

  record RangeOnList(@Param(value = "Quantities.", min = 1, max = 5) List<Integer> quantities) {}

  record LengthOnMap(@Param(value = "Labels.", maxLength = 2) Map<String, String> labels) {}

  record BadPattern(@Param(value = "A code.", pattern = "^[A-Z") String code) {}

  record Fitting(
      @Param(value = "Age in years.", min = 0, max = 150) Optional<Integer> age,
      @Param(value = "A note.", maxLength = 20) Optional<String> note,
      @Param(value = "Tags.", minLength = 1, maxLength = 3) List<String> tags,
      @Param(value = "Codes.", maxLength = 2) String[] codes) {}

  private static RegisteredTool register(Class<? extends Record> type) {
    return ToolCatalog.of(
            Tool.of(
                (Class<Record>) type,
                ToolDescriptor.builder("check_bounds")
                    .description("Checks the bounds of its arguments.")
                    .sideEffect(SideEffect.READ_ONLY)
                    .parameters(type)
                    .build(),
                (arguments, context) -> "ok"))
        .tools()
        .get(0);
  }

  @Test
  void boundsThatNoValueMeetsAreRefused() {
    assertThatThrownBy(() -> register(Reversed.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ParamBoundsTest$Reversed.count allows no value")
        .hasMessageContaining("min 10 is greater than max 1");
    assertThatThrownBy(() -> register(ReversedLength.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ParamBoundsTest$ReversedLength.name allows no value")
        .hasMessageContaining("minLength 5 is greater than maxLength 2");
  }

  @Test
  void aRangeOnAStringOrListIsRefusedPointingAtItsLength() {
    assertThatThrownBy(() -> register(RangeOnString.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@Param(min, max) on ")
        .hasMessageContaining("RangeOnString.code bound a number, but its type is String")
        .hasMessageContaining("minLength and maxLength");
    assertThatThrownBy(() -> register(RangeOnList.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RangeOnList.quantities bound a number, but its type is List");
  }

  @Test
  void aPatternOnAListIsRefused() {
    assertThatThrownBy(() -> register(PatternOnList.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@Param(pattern) on ")
        .hasMessageContaining("PatternOnList.tags applies to a string, but its type is List");
  }

  @Test
  void aLengthOnANumberOrMapIsRefused() {
    assertThatThrownBy(() -> register(LengthOnNumber.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LengthOnNumber.amount bound the length")
        .hasMessageContaining("bound its value with min and max instead");
    assertThatThrownBy(() -> register(LengthOnMap.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LengthOnMap.labels bound the length");
  }

  @Test
  void aPatternThatIsNoRegularExpressionIsNamedWithItsComponent() {
    assertThatThrownBy(() -> register(BadPattern.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "@Param(pattern = \"^[A-Z\") on io.agentkeel.core.tool.ParamBoundsTest$BadPattern.code"
                + " is not a regular expression: Unclosed character class");
  }

  @Test
  void boundsThatFitTheirTypeAreKeptAndEnforced() {
    RegisteredTool tool = register(Fitting.class);

    assertThatThrownBy(() -> tool.bind("{\"age\":151,\"tags\":[\"a\"],\"codes\":[]}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.age");
    assertThatThrownBy(() -> tool.bind("{\"tags\":[\"a\"],\"codes\":[\"a\",\"b\",\"c\"]}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.codes");
    assertThat(tool.parameterSchemaJson()).contains("\"maxItems\":3");
  }
}
