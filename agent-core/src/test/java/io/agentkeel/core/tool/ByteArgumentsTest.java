package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A byte is an integer from -128 to 127, in the schema as in binding; it never wraps around. */
class ByteArgumentsTest {

  record Shelf(byte level, Optional<Byte> slot) {}

  private final RegisteredTool tool =
      ToolCatalog.of(
              Tool.of(
                  Shelf.class,
                  ToolDescriptor.builder("pick_shelf")
                      .description("Picks a shelf of the warehouse.")
                      .sideEffect(SideEffect.READ_ONLY)
                      .parameters(Shelf.class)
                      .build(),
                  (shelf, context) -> "ok"))
          .tools()
          .get(0);

  @Test
  void theSchemaOfAByteIsABoundedInteger() {
    JsonNode schema = JsonMapper.builder().build().readTree(tool.parameterSchemaJson());

    for (String name : new String[] {"level", "slot"}) {
      JsonNode property = schema.at("/properties/" + name);
      assertThat(property.get("type").asString()).as(name).isEqualTo("integer");
      assertThat(property.get("minimum").asInt()).as(name).isEqualTo(-128);
      assertThat(property.get("maximum").asInt()).as(name).isEqualTo(127);
    }
  }

  @Test
  void aByteBindsTheIntegerTheModelSends() throws ToolException {
    assertThat(tool.bind("{\"level\":-5,\"slot\":127}"))
        .isEqualTo(new Shelf((byte) -5, Optional.of((byte) 127)));
  }

  @Test
  void aByteOutOfRangeIsRefusedRatherThanWrappedAround() {
    assertThatThrownBy(() -> tool.bind("{\"level\":200}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.level");
    assertThatThrownBy(() -> tool.bind("{\"level\":\"200\"}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.level");
  }
}
