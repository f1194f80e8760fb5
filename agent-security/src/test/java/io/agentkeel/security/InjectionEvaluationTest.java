package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrails.PatternBasedPromptInjectionGuardrail;
import io.agentkeel.security.InjectionTraining.Row;
import io.agentkeel.security.internal.InjectionFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Done-when 2: a 5-fold cross-validated evaluation over the shared injection sets, reporting the
 * true-positive rate at 5 % false positives for English and German separately, for the pattern
 * layer alone, the combined detector and LangChain4j's PatternBasedPromptInjectionGuardrail, all in
 * the same run. The combined detector must reach 0.85 in each language and beat both others.
 */
class InjectionEvaluationTest {
  @Test
  void combinedDetectorReaches085InEachLanguageAndBeatsPatternsAndLangChain4j() throws Exception {
    List<InjectionTraining.Example> examples =
        InjectionTraining.load(SharedData.dir().resolve("injection"));
    InjectionFeatures fx = InjectionTraining.extractor();
    List<Row> rows = InjectionTraining.featurise(fx, examples);

    double[] combined =
        InjectionTraining.crossValidate(
            rows, 5, fx.embeddingDim(), InjectionTraining.C, InjectionTraining.EMBEDDING_SCALE);
    double[] patterns = new double[rows.size()];
    double[] lc4j = new double[rows.size()];
    PatternBasedPromptInjectionGuardrail guardrail = new PatternBasedPromptInjectionGuardrail();
    InjectionDetector patternLayer = InjectionDetector.patternsOnly();
    for (int i = 0; i < rows.size(); i++) {
      String text = rows.get(i).example().text();
      patterns[i] = patternLayer.score(text).score();
      lc4j[i] = guardrail.validate(UserMessage.from(text)).isSuccess() ? 0 : 1;
    }
    StringBuilder report = new StringBuilder("TPR at 5% FPR, 5-fold cross-validated:\n");
    report.append(
        String.format(Locale.ROOT, "  %-14s %6s %6s %6s%n", "detector", "en", "de", "all"));
    double[][] table = new double[3][3];
    String[] names = {"combined", "patterns_only", "langchain4j"};
    double[][] all = {combined, patterns, lc4j};
    String[] langs = {"en", "de", null};
    for (int d = 0; d < 3; d++) {
      for (int l = 0; l < 3; l++) {
        table[d][l] = InjectionTraining.tprAtFpr(rows, all[d], langs[l], 0.05);
      }
      report.append(
          String.format(
              Locale.ROOT,
              "  %-14s %6.3f %6.3f %6.3f%n",
              names[d],
              table[d][0],
              table[d][1],
              table[d][2]));
    }
    long en = rows.stream().filter(r -> r.example().language().equals("en")).count();
    report
        .append("  texts: ")
        .append(rows.size())
        .append(" (en ")
        .append(en)
        .append(", de ")
        .append(rows.size() - en)
        .append(")\n");
    System.out.print(report);
    if (Boolean.getBoolean("injection.grid")) {
      for (double c : new double[] {1, 4, 16}) {
        for (float sc : new float[] {1, 2, 4}) {
          double[] g = InjectionTraining.crossValidate(rows, 5, fx.embeddingDim(), c, sc);
          System.out.printf(
              Locale.ROOT,
              "grid C=%.0f scale=%.0f en=%.3f de=%.3f%n",
              c,
              sc,
              InjectionTraining.tprAtFpr(rows, g, "en", 0.05),
              InjectionTraining.tprAtFpr(rows, g, "de", 0.05));
        }
      }
    }
    if (Boolean.getBoolean("injection.verbose")) {
      for (int i = 0; i < rows.size(); i++) {
        var e = rows.get(i).example();
        if (e.language().equals("de")) {
          System.out.printf(
              Locale.ROOT,
              "%s %.3f p=%.2f %s%n",
              e.injection() ? "INJ" : "ben",
              combined[i],
              patterns[i],
              e.text().replace('\n', ' ').substring(0, Math.min(160, e.text().length())));
        }
      }
    }
    Path out = Path.of("target/injection-evaluation.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);

    for (int l = 0; l < 2; l++) {
      assertThat(table[0][l]).as(langs[l] + "\n" + report).isGreaterThanOrEqualTo(0.85);
      assertThat(table[0][l]).as(report.toString()).isGreaterThan(table[1][l]);
      assertThat(table[0][l]).as(report.toString()).isGreaterThan(table[2][l]);
    }
  }
}
