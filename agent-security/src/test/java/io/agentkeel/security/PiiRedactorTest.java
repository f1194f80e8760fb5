package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PiiRedactorTest {
  private final PiiDetector detector = PiiDetector.defaults();

  @Test
  void placeholdersAreTypedAndNumberedPerValue() {
    Redacted r =
        new PiiRedactor(detector, RedactionStyle.PLACEHOLDER)
            .redact("a@x.com, b@y.org and a@x.com; card 4111 1111 1111 1111");
    assertThat(r.text()).isEqualTo("<EMAIL_1>, <EMAIL_2> and <EMAIL_1>; card <CARD_1>");
    assertThat(r.findings()).hasSize(4);
  }

  @Test
  void partialKeepsTheLastFourAndMaskKeepsSeparators() {
    assertThat(
            new PiiRedactor(detector, RedactionStyle.PARTIAL)
                .redact("card 4111-1111-1111-1111")
                .text())
        .isEqualTo("card ****-****-****-1111");
    assertThat(new PiiRedactor(detector, RedactionStyle.MASK).redact("ssn 078-05-1120").text())
        .isEqualTo("ssn ***-**-****");
  }

  @Test
  void pseudonymsAreStableWithinASessionAndRestored() {
    PseudonymVault vault = new PseudonymVault();
    PiiRedactor r = new PiiRedactor(detector, RedactionStyle.PSEUDONYM);
    String first = r.redact("mail jane@corp.example please", vault).text();
    String second = r.redact("again jane@corp.example and bob@corp.example", vault).text();
    assertThat(first).isEqualTo("mail <EMAIL_1> please");
    assertThat(second).isEqualTo("again <EMAIL_1> and <EMAIL_2>");
    assertThat(vault.restore("send to <EMAIL_2> and <EMAIL_1>, not <EMAIL_9>"))
        .isEqualTo("send to bob@corp.example and jane@corp.example, not <EMAIL_9>");
    // another session's vault cannot restore them
    assertThat(new PseudonymVault().restore(second)).isEqualTo(second);
  }

  /** Done-when 1 property: no Luhn-valid 13–19 digit card survives, whatever its separators. */
  @Test
  void noLuhnValidCardSurvivesWithAnySpacesOrDashes() {
    Gen<List<Integer>> body = lists().of(integers().between(0, 9)).ofSizeBetween(12, 18);
    Gen<List<Integer>> gaps = lists().of(integers().between(0, 8)).ofSize(19);
    Gen<Integer> frame = integers().between(0, 5);
    PiiRedactor redactor = new PiiRedactor(detector, RedactionStyle.MASK);
    qt().withExamples(3000)
        .forAll(body, gaps, frame)
        .checkAssert((digits, gapCodes, f) -> {
          String card = Checks.withCheckDigit(digits);
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < card.length(); i++) {
            sb.append(card.charAt(i));
            if (i < card.length() - 1) {
              sb.append(
                  switch (gapCodes.get(i)) {
                    case 1 -> " ";
                    case 2 -> "-";
                    case 3 -> "  ";
                    case 4 -> " - ";
                    case 5 -> "--";
                    default -> "";
                  });
            }
          }
          String[] before = {"", "Card ", "my number is ", "ref: ", "(", "x\n"};
          String[] after = {"", ".", " thanks", ")", ",", "\nbye"};
          String text = before[f] + sb + after[f];
          String out = redactor.redact(text).text();
          assertThat(out.replaceAll("[^0-9]", "")).as(text + " -> " + out).doesNotContain(card);
          assertThat(out).as(text + " -> " + out).doesNotContain(sb.toString());
        });
  }

  @Test
  void luhnFailingNumbersAreKept() {
    PiiRedactor redactor = new PiiRedactor(detector, RedactionStyle.MASK);
    qt().withExamples(2000)
        .forAll(
            lists().of(integers().between(0, 9)).ofSizeBetween(12, 18), integers().between(1, 9))
        .checkAssert((digits, wrong) -> {
          String valid = Checks.withCheckDigit(digits);
          int last = valid.charAt(valid.length() - 1) - '0';
          String bad = valid.substring(0, valid.length() - 1) + (char) ('0' + (last + wrong) % 10);
          String text = "Order no. " + bad + " shipped";
          assertThat(detector.find(text).stream().map(PiiFinding::type))
              .as(text)
              .doesNotContain(PiiType.CREDIT_CARD);
        });
  }

  /** Small helpers for card numbers. */
  static final class Checks {
    static String withCheckDigit(List<Integer> body) {
      StringBuilder sb = new StringBuilder();
      body.forEach(sb::append);
      for (int c = 0; c < 10; c++) {
        if (luhnOk(sb.toString() + c)) {
          return sb.toString() + c;
        }
      }
      throw new AssertionError();
    }

    static boolean luhnOk(String d) {
      int sum = 0;
      boolean dbl = false;
      for (int i = d.length() - 1; i >= 0; i--) {
        int x = d.charAt(i) - '0';
        if (dbl) {
          x = x * 2 > 9 ? x * 2 - 9 : x * 2;
        }
        sum += x;
        dbl = !dbl;
      }
      return sum % 10 == 0;
    }
  }
}
