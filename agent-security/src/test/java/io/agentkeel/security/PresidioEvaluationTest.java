package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Done-when 1: precision and recall per pattern entity on presidio-synth-v2.json, each at least
 * 0.98. A gold span counts as found when a finding of the same type overlaps it; a finding counts
 * as false when it overlaps no gold span of its type.
 */
class PresidioEvaluationTest {
  static final Map<String, PiiType> ENTITIES =
      Map.of(
          "CREDIT_CARD", PiiType.CREDIT_CARD,
          "EMAIL_ADDRESS", PiiType.EMAIL_ADDRESS,
          "IBAN_CODE", PiiType.IBAN_CODE,
          "US_SSN", PiiType.US_SSN,
          "IP_ADDRESS", PiiType.IP_ADDRESS,
          "PHONE_NUMBER", PiiType.PHONE_NUMBER);

  record Span(PiiType type, int start, int end) {}

  record Sample(String text, List<Span> gold) {}

  static List<Sample> load() throws IOException {
    JsonNode root =
        new ObjectMapper().readTree(SharedData.file("pii/presidio-synth-v2.json").toFile());
    List<Sample> out = new ArrayList<>();
    for (JsonNode r : root) {
      List<Span> gold = new ArrayList<>();
      for (JsonNode s : r.get("spans")) {
        PiiType t = ENTITIES.get(s.get("entity_type").asText());
        if (t != null) {
          gold.add(new Span(t, s.get("start_position").asInt(), s.get("end_position").asInt()));
        }
      }
      out.add(new Sample(r.get("full_text").asText(), gold));
    }
    return out;
  }

  /** Per entity: tp, fp, fn. */
  static Map<PiiType, int[]> evaluate(PiiDetector detector, List<Sample> samples, boolean print) {
    Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class);
    for (PiiType t : ENTITIES.values()) {
      counts.put(t, new int[3]);
    }
    for (Sample s : samples) {
      List<PiiFinding> found = detector.find(s.text());
      for (Span g : s.gold()) {
        boolean hit = found.stream().anyMatch(f -> f.type() == g.type() && overlaps(f, g));
        counts.get(g.type())[hit ? 0 : 2]++;
        if (!hit && print) {
          System.out.println(
              "FN "
                  + g.type()
                  + " ["
                  + s.text().substring(g.start(), g.end())
                  + "] in "
                  + s.text().replace('\n', '|'));
        }
      }
      for (PiiFinding f : found) {
        if (!counts.containsKey(f.type())) {
          continue;
        }
        boolean hit = s.gold().stream().anyMatch(g -> g.type() == f.type() && overlaps(f, g));
        if (!hit) {
          counts.get(f.type())[1]++;
          if (print) {
            System.out.println(
                "FP "
                    + f.type()
                    + " ["
                    + f.valueIn(s.text())
                    + "] in "
                    + s.text().replace('\n', '|'));
          }
        }
      }
    }
    return counts;
  }

  static boolean overlaps(PiiFinding f, Span g) {
    return f.start() < g.end() && g.start() < f.end();
  }

  static double precision(int[] c) {
    return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
  }

  static double recall(int[] c) {
    return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
  }

  @Test
  void everyPatternEntityReachesPrecisionAndRecallOf098() throws IOException {
    Map<PiiType, int[]> counts =
        evaluate(PiiDetector.defaults(), load(), Boolean.getBoolean("pii.verbose"));
    StringBuilder report = new StringBuilder("presidio-synth-v2 per entity:\n");
    counts.forEach((t, c) ->
        report.append(
            String.format(
                "  %-14s tp=%3d fp=%2d fn=%2d precision=%.3f recall=%.3f%n",
                t, c[0], c[1], c[2], precision(c), recall(c))));
    System.out.print(report);
    counts.forEach((t, c) -> {
      assertThat(precision(c)).as(t + " precision\n" + report).isGreaterThanOrEqualTo(0.98);
      assertThat(recall(c)).as(t + " recall\n" + report).isGreaterThanOrEqualTo(0.98);
    });
  }
}
