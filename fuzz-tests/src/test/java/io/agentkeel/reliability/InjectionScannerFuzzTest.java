package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.api.GuardVerdict;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.UntrustedText;
import io.agentkeel.api.Workflow;
import io.agentkeel.security.InjectionDetector;
import io.agentkeel.security.InjectionGuard;
import io.agentkeel.security.InjectionPolicies;
import io.agentkeel.security.InjectionScore;
import io.agentkeel.security.Sanitiser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Fuzzes agent-security's injection scanner: the pattern layer ({@link InjectionDetector}, with its
 * decoders of encoded payloads) on any text, whole and by parts, and the input guard over it. No
 * text makes them throw; every score is a probability; the reason names families, never the text;
 * and a spotlighted tool result holds exactly one opening and one closing delimiter, so no data can
 * close its block early.
 *
 * <p>The classifier layer (MiniLM embeddings) is left out of the fuzzing loop: at tens of
 * milliseconds a call it would starve the fuzzer, and its input is the same text this target
 * already drives through the patterns and features.
 */
class InjectionScannerFuzzTest {

  /** Everything a reason may say: the verdict, scores, families and what the sanitiser changed. */
  private static final Pattern REASON =
      Pattern.compile(
          "(blocked: |held for review: )?injection score \\d\\.\\d\\d \\(patterns \\d\\.\\d\\d\\)"
              + "( \\[[a-z_, ]+])?(; sanitised \\[[a-z_=0-9, ]+])?");

  private static final InjectionDetector DETECTOR = InjectionDetector.patternsOnly();
  private static final InjectionGuard GUARD =
      new InjectionGuard(new Sanitiser(4_000), DETECTOR, InjectionPolicies.defaults(), true);
  private static final RunContext CONTEXT =
      new RunContext(
          Runs.task("look up order A-1"),
          Workflow.builder(Workflow.DEFAULT_NAME).build(),
          "run-fuzz",
          Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "10m")
  void anyTextGetsAProbabilityAndStaysInsideItsBlock(FuzzedDataProvider data) {
    boolean fromTool = data.consumeBoolean();
    String text = data.consumeRemainingAsString();

    InjectionScore whole = DETECTOR.score(text);
    InjectionScore parts = DETECTOR.scoreParts(text);
    assertThat(whole.score()).isBetween(0.0, 1.0);
    assertThat(parts.score()).isGreaterThanOrEqualTo(whole.score());
    assertThat(whole.families()).allMatch(f -> f.matches("[a-z_]+"));

    GuardVerdict verdict =
        GUARD.inspect(
            fromTool ? UntrustedText.toolResult("lookup", text) : UntrustedText.userInput(text),
            CONTEXT);
    String reason =
        switch (verdict) {
          case GuardVerdict.Allow allow -> "";
          case GuardVerdict.Flag flag -> flag.reason();
          case GuardVerdict.Review review -> review.reason();
          case GuardVerdict.Block block -> block.reason();
        };
    if (!reason.isEmpty()) {
      assertThat(reason).as("the reason names scores and families, never the text").matches(REASON);
    }
    if (fromTool && verdict instanceof GuardVerdict.Allow allow) {
      assertOneBlock(allow.text());
    } else if (fromTool && verdict instanceof GuardVerdict.Flag flag) {
      assertOneBlock(flag.text());
    }
  }

  private static void assertOneBlock(String spotlighted) {
    assertThat(spotlighted)
        .startsWith(InjectionGuard.DATA_OPEN)
        .endsWith(InjectionGuard.DATA_CLOSE);
    assertThat(occurrences(spotlighted, InjectionGuard.DATA_OPEN)).isEqualTo(1);
    assertThat(occurrences(spotlighted, InjectionGuard.DATA_CLOSE)).isEqualTo(1);
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
