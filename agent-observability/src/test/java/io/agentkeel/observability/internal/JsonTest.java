package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class JsonTest {

  @Test
  void millisAreWrittenExactlyAsTheDoubleWouldBe() {
    qt().forAll(
            SourceDSL.longs().between(-1_000L, 20_000_000_000_000L),
            SourceDSL.integers().between(0, 4))
        .checkAssert((raw, shape) -> {
          // Round nanos as clocks do: whole ms, whole µs, whole 100 ns, or not at all.
          long nanos =
              switch (shape) {
                case 0 -> raw / 1_000_000 * 1_000_000;
                case 1 -> raw / 1_000 * 1_000;
                case 2 -> raw / 100 * 100;
                case 3 -> raw % 100_000;
                default -> raw;
              };
          String written = new Json.ObjectWriter().millis("latency_ms", nanos).end();
          assertThat(written).isEqualTo("{\"latency_ms\":" + (nanos / 1_000_000.0) + "}");
        });
  }

  @Test
  void plainAndEscapedFieldsMakeOneValidObject() {
    String json =
        new Json.ObjectWriter()
            .plain("event", "tool_called")
            .string("reason", "said \"no\"\n\u2028")
            .number("steps", 3)
            .end();
    assertThat(Json.parseObject(json))
        .containsEntry("event", "tool_called")
        .containsEntry("reason", "said \"no\"\n\u2028")
        .containsEntry("steps", 3L);
  }

  @Test
  void everyStringRoundTripsOnOneLineWithoutControlOrSeparatorCharacters() {
    qt().forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(value -> {
          String line = new Json.ObjectWriter().string("v", value).end();
          assertThat(line.chars()).noneMatch(c -> c < 0x20 || c == 0x2028 || c == 0x2029);
          assertThat(Json.parseObject(line)).containsEntry("v", value);
        });
  }

  @Test
  void hostileTextIsRefusedNamingWhatWasWrong() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Duplicate");
    assertThatThrownBy(() -> Json.parse("{\"a\":1} {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing characters");
    assertThatThrownBy(() -> Json.parse("{\"a\":123456789012345678901234567890}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beyond a long");
    assertThatThrownBy(() -> Json.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no value");
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a JSON object");
    String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.parse(deepest)).isInstanceOf(List.class);
    assertThatThrownBy(() -> Json.parse("[" + deepest + "]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nesting depth");
    assertThatThrownBy(() -> Json.parse("[".repeat(100_000)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersAreLongsOrDoubles() {
    assertThat(Json.parseObject("{\"i\":-9223372036854775808,\"d\":0.25,\"e\":1e400}"))
        .containsEntry("i", Long.MIN_VALUE)
        .containsEntry("d", 0.25)
        .containsEntry("e", Double.POSITIVE_INFINITY);
  }
}
