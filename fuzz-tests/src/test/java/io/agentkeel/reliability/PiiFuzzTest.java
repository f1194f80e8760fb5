package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.security.PiiDetector;
import io.agentkeel.security.PiiFinding;
import io.agentkeel.security.PiiRedactor;
import io.agentkeel.security.PseudonymVault;
import io.agentkeel.security.Redacted;
import io.agentkeel.security.RedactionStyle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fuzzes agent-security's PII filter and pseudonymiser: {@link PiiDetector#find} on any text, and
 * {@link PiiRedactor} in every style over what it finds. No text makes them throw; findings are in
 * order, without overlaps and inside the text; a mask keeps the text's shape and leaves no letter
 * or digit of a finding; and a session's vault restores exactly the text it pseudonymised.
 */
class PiiFuzzTest {

  private static final PiiDetector DETECTOR = PiiDetector.defaults();
  private static final Pattern PSEUDONYM_LIKE = Pattern.compile("<[A-Z]+_\\d+>");

  @FuzzTest(maxDuration = "10m")
  void findingsAreOrderedAndRedactionHidesThem(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);

    List<PiiFinding> findings = DETECTOR.find(text);
    int previousEnd = 0;
    for (PiiFinding f : findings) {
      assertThat(f.start()).as("in order, without overlaps").isGreaterThanOrEqualTo(previousEnd);
      assertThat(f.end()).isLessThanOrEqualTo(text.length());
      previousEnd = f.end();
    }

    Redacted masked = new PiiRedactor(DETECTOR, RedactionStyle.MASK).redact(text);
    assertThat(masked.findings()).isEqualTo(findings);
    assertThat(masked.text()).hasSameSizeAs(text);
    int pos = 0;
    for (PiiFinding f : findings) {
      assertThat(masked.text().substring(pos, f.start())).isEqualTo(text.substring(pos, f.start()));
      assertThat(masked.text().substring(f.start(), f.end()).chars())
          .as("no letter or digit of a %s is left", f.type())
          .noneMatch(Character::isLetterOrDigit);
      pos = f.end();
    }

    new PiiRedactor(DETECTOR, RedactionStyle.PARTIAL).redact(text);
    new PiiRedactor(DETECTOR, RedactionStyle.PLACEHOLDER).redact(text);

    PseudonymVault vault = new PseudonymVault();
    Redacted pseudonymised =
        new PiiRedactor(DETECTOR, RedactionStyle.PSEUDONYM).redact(text, vault);
    if (!PSEUDONYM_LIKE.matcher(text).find()) {
      assertThat(vault.restore(pseudonymised.text())).isEqualTo(text);
    }
    assertThat(vault.size()).isLessThanOrEqualTo(findings.size());
  }
}
