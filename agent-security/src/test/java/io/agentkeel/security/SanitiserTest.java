package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.security.SanitisedText.Kind;
import org.junit.jupiter.api.Test;

class SanitiserTest {
  private final Sanitiser sanitiser = new Sanitiser(50);

  @Test
  void normalisesAndRemovesControlInvisibleAndBidiButKeepsNewlineAndTab() {
    String in = "Ｉｇｎｏｒｅ\u200B rules\u202Eevil\u202C\u0007 line\nnext\tcol\uDB40\uDC41";
    SanitisedText out = sanitiser.sanitise(in);
    assertThat(out.text()).isEqualTo("Ignore rulesevil line\nnext\tcol");
    assertThat(out.changes())
        .extracting(SanitisedText.Change::kind)
        .containsExactly(
            Kind.NORMALISED, Kind.CONTROL_REMOVED, Kind.INVISIBLE_REMOVED, Kind.BIDI_REMOVED);
    assertThat(out.changes())
        .filteredOn(c -> c.kind() == Kind.BIDI_REMOVED)
        .extracting(SanitisedText.Change::count)
        .containsExactly(2);
  }

  @Test
  void cutsToTheLengthLimitAndSaysSo() {
    SanitisedText out = sanitiser.sanitise("x".repeat(70));
    assertThat(out.text()).hasSize(50);
    assertThat(out.changes()).containsExactly(new SanitisedText.Change(Kind.TRUNCATED, 20));
  }

  @Test
  void cleanTextIsUnchanged() {
    SanitisedText out = sanitiser.sanitise("Where is order 42?\n\tThanks");
    assertThat(out.changed()).isFalse();
    assertThat(out.text()).isEqualTo("Where is order 42?\n\tThanks");
  }

  @Test
  void aBadLimitIsNamed() {
    assertThatThrownBy(() -> new Sanitiser(0)).hasMessageContaining("security.max-input-length");
  }
}
