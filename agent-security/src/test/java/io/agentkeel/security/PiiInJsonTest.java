package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.OutputChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool arguments reach events and the audit log as JSON, where a line break before a value is
 * written as {@code \n}: the letter of that escape must not be read as part of the value.
 */
class PiiInJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "write to\nbob@example.com",
        "call\n+1 (415) 555-2671",
        "card:\t4111111111111111",
        "iban\nDE89370400440532013000",
        "ssn\r078-05-1120",
        "start\u001B4111111111111111",
      })
  void personalDataAfterAnEscapeIsRedactedAndTheJsonStaysValid(String note) {
    redactedAndValid(note);
  }

  /**
   * A masked value keeps its separators, and in JSON a key block's line breaks are escapes: masking
   * their letters left {@code \*}, an escape JSON does not have.
   */
  @Test
  void aMaskedPrivateKeyLeavesTheJsonValid() {
    redactedAndValid(
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----");
  }

  /**
   * A key block without its end line is redacted to the end of the text: in JSON that took the
   * string's closing quote and every later argument with it.
   */
  @Test
  void aCutPrivateKeyInJsonEndsWithItsString() {
    redactedAndValid("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n(cut here)");
  }

  private static void redactedAndValid(String note) {
    String arguments =
        JSON.writeValueAsString(new java.util.TreeMap<>(Map.of("note", note, "z", "1")));
    for (RedactionStyle style : RedactionStyle.values()) {
      String out =
          new PiiOutputFilter(PiiDetector.defaults(), style, Map.of())
              .filter(arguments, OutputChannel.EVENT, Runs.of("a"));
      String value = JSON.readTree(out).get("note").asString();
      assertThat(value).as(style + ": " + out).isNotEqualTo(note);
      assertThat(JSON.readTree(out).get("z").asString()).as(style + ": " + out).isEqualTo("1");
      assertThat(PiiDetector.defaults().find(value)).as(style + ": " + out).isEmpty();
    }
  }
}
