package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class PrintableTextTest {

  @Test
  void controlFormatAndSeparatorCharactersAreEscaped() {
    assertThat(PrintableText.escape("a\nb\r\t\u001b[2J\u007f\u0085\u2028\u2029\u202e\u2066\u200b"))
        .isEqualTo(
            "a\\u000ab\\u000d\\u0009\\u001b[2J\\u007f\\u0085\\u2028\\u2029\\u202e\\u2066\\u200b");
  }

  @Test
  void otherScriptsAndEmojiAreKeptAsTheyAre() {
    String text = "order A-1001 \u00e9\u4e2d\u0645\ud83d\ude00 \"quoted\" \\";

    assertThat(PrintableText.escape(text)).isSameAs(text);
    assertThat(PrintableText.escape(null)).isEqualTo("null");
  }

  @Test
  void noEscapedTextHoldsACharacterThatCouldBreakOrReorderALine() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(text ->
            assertThat(PrintableText.escape(text).chars())
                .noneMatch(c ->
                    c < 0x20
                        || c == 0x7f
                        || Character.getType(c) == Character.CONTROL
                        || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.LINE_SEPARATOR
                        || Character.getType(c) == Character.PARAGRAPH_SEPARATOR));
  }
}
