package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.security.SanitisedText;
import io.agentkeel.security.Sanitiser;

/**
 * Fuzzes agent-security's {@link Sanitiser} with any text and any length limit: it never throws,
 * the clean text keeps within the limit and holds none of the characters the sanitiser documents
 * removing (controls other than newline and tab, invisible and bidirectional characters), it
 * reports a change exactly when the text changed, and sanitising clean text changes nothing.
 */
class SanitiserFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void cleanTextHoldsNoHiddenCharacters(FuzzedDataProvider data) {
    int maxLength = data.consumeInt(1, 512);
    String text = data.consumeRemainingAsString();
    Sanitiser sanitiser = new Sanitiser(maxLength);

    SanitisedText clean = sanitiser.sanitise(text);

    assertThat(clean.text().length()).isLessThanOrEqualTo(maxLength);
    clean.text().codePoints().forEach(cp -> assertThat(hidden(cp)).as("U+%04X", cp).isFalse());
    assertThat(clean.changed()).isEqualTo(!clean.text().equals(text));
    clean.changes().forEach(change -> assertThat(change.count()).isPositive());
    SanitisedText again = sanitiser.sanitise(clean.text());
    assertThat(again.text()).as("sanitising clean text").isEqualTo(clean.text());
    assertThat(again.changes()).isEmpty();
  }

  /** The characters the sanitiser's Javadoc says it removes. */
  private static boolean hidden(int cp) {
    if (cp == '\n' || cp == '\t') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || (cp >= 0xE0000 && cp <= 0xE007F)
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || cp == 0x00AD
        || cp == 0x200B;
  }
}
