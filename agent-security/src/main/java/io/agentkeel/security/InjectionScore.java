package io.agentkeel.security;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * How likely a text is a prompt injection, from the layers that looked at it.
 *
 * @param score the combined score in [0, 1]; what policies compare with their threshold
 * @param patternScore the pattern layer's score in [0, 1]
 * @param classifierScore the classifier's probability, when the classifier ran
 * @param families the pattern families that matched, in lower case (safe to log)
 */
public record InjectionScore(
    double score, double patternScore, OptionalDouble classifierScore, Set<String> families) {
  /**
   * Validates the score.
   *
   * @throws IllegalArgumentException if a score is outside [0, 1]
   */
  public InjectionScore {
    Objects.requireNonNull(classifierScore, "classifierScore");
    families = Set.copyOf(families);
    if (!(score >= 0 && score <= 1) || !(patternScore >= 0 && patternScore <= 1)) {
      throw new IllegalArgumentException("injection scores must be within [0, 1]");
    }
  }

  /**
   * A short description, safe to log: the score and the matched families.
   *
   * @return the description
   */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "injection score %.2f (patterns %.2f%s)%s",
        score,
        patternScore,
        classifierScore.isPresent()
            ? String.format(
                java.util.Locale.ROOT, ", classifier %.2f", classifierScore.getAsDouble())
            : "",
        families.isEmpty() ? "" : " " + new java.util.TreeSet<>(families));
  }
}
