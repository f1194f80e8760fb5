package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

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
}
