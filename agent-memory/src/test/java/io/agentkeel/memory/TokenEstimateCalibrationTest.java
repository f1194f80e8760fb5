package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import io.agentkeel.api.TokenEstimator;
import io.agentkeel.api.memory.MemoryRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast heuristic that estimates tokens where the model has no estimator of its own ({@link
 * TokenEstimator#heuristic()}, which the context assembler is handed by core) is calibrated against
 * LangChain4j's {@code OpenAiTokenCountEstimator} (jtokkit, o200k_base) on the generated memories
 * and on the shared English and German injection texts: in total it stays within 25 % of the
 * tokenizer, and it underestimates by more than a third for few texts, so a context it keeps under
 * a budget is not far over that budget in real tokens. The figures are printed per corpus.
 */
class TokenEstimateCalibrationTest {

  private static final OpenAiTokenCountEstimator REFERENCE =
      new OpenAiTokenCountEstimator("gpt-4o-mini");
  private static final TokenEstimator HEURISTIC = TokenEstimator.heuristic();
  private static final Path INJECTION = Path.of("../../shared/data/injection/deepset-train.jsonl");

  /** The heuristic against the tokenizer over one corpus. */
  private record Calibration(String corpus, int texts, double ratio, double underByAThird) {
    static Calibration of(String corpus, List<String> texts) {
      long heuristic = 0;
      long reference = 0;
      int under = 0;
      for (String text : texts) {
        int h = HEURISTIC.estimate(text);
        int r = REFERENCE.estimateTokenCountInText(text);
        heuristic += h;
        reference += r;
        if (h < r * 2 / 3.0) {
          under++;
        }
      }
      return new Calibration(
          corpus, texts.size(), heuristic / (double) reference, under / (double) texts.size());
    }
  }

  private static void check(Calibration c) {
    System.out.printf(
        "token heuristic vs OpenAiTokenCountEstimator on %s (%d texts): ratio %.3f, %.1f %% of"
            + " texts under by more than a third%n",
        c.corpus(), c.texts(), c.ratio(), 100 * c.underByAThird());
    assertThat(c.ratio()).as(c.toString()).isBetween(0.75, 1.25);
    assertThat(c.underByAThird()).as(c.toString()).isLessThan(0.05);
  }

  @Test
  void onTheGeneratedMemories() {
    check(
        Calibration.of(
            "generated memories",
            RetrievalSet.generate(7).memories.stream().map(MemoryRecord::text).toList()));
  }

  @Test
  void onTheSharedEnglishAndGermanTexts() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(INJECTION), "the shared injection data is not at " + INJECTION + "; skipping");
    List<String> texts =
        Files.readAllLines(INJECTION).stream()
            .filter(line -> !line.isBlank())
            .map(TokenEstimateCalibrationTest::text)
            .toList();
    check(Calibration.of("shared injection texts", texts));
  }

  /** The "text" string of one JSON line, with its escapes undone (\\uXXXX included). */
  private static String text(String jsonLine) {
    int at = jsonLine.indexOf("\"text\":\"");
    if (at < 0) {
      throw new IllegalArgumentException("a line of " + INJECTION + " has no text: " + jsonLine);
    }
    StringBuilder out = new StringBuilder();
    for (int i = at + 8; i < jsonLine.length(); i++) {
      char c = jsonLine.charAt(i);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        char e = jsonLine.charAt(++i);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'u' -> {
            out.append((char) Integer.parseInt(jsonLine.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    throw new IllegalArgumentException("a text of " + INJECTION + " is not closed: " + jsonLine);
  }
}
