package io.agentkeel.security;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.agentkeel.security.internal.InjectionFeatures;
import io.agentkeel.security.internal.InjectionModel;
import io.agentkeel.security.internal.InjectionPatterns;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores text for prompt injection in layers: patterns (instruction override, role-play jailbreaks,
 * system-prompt requests, fake delimiters, encoded payloads, instructions addressed to the
 * assistant), and a logistic-regression classifier over in-process MiniLM sentence embeddings,
 * hashed character n-grams (so other languages than English are no blind spot) and the pattern
 * families. The classifier's weights ship in this jar, trained on public data (see {@code
 * META-INF/agentkeel-security/NOTICE-injection-model.txt}).
 *
 * <p>Thread-safe. The combined detector loads the embedding model (about 23 MB) on first use.
 */
public final class InjectionDetector {
  private final InjectionFeatures features;
  private final InjectionModel model;

  private InjectionDetector(InjectionFeatures features, InjectionModel model) {
    this.features = features;
    this.model = model;
  }

  /**
   * The combined detector with the shipped weights.
   *
   * @return the detector
   */
  public static InjectionDetector combined() {
    return Holder.SHIPPED;
  }

  /**
   * The pattern layer alone: no model is loaded.
   *
   * @return the detector
   */
  public static InjectionDetector patternsOnly() {
    return new InjectionDetector(null, null);
  }

  /**
   * A combined detector with other weights, as the training code makes them.
   *
   * @param features the feature extractor
   * @param model the weights
   * @return the detector
   */
  static InjectionDetector withModel(InjectionFeatures features, InjectionModel model) {
    return new InjectionDetector(
        Objects.requireNonNull(features, "features"), Objects.requireNonNull(model, "model"));
  }

  /**
   * Scores a text.
   *
   * @param text the sanitised text
   * @return the score
   */
  public InjectionScore score(String text) {
    Objects.requireNonNull(text, "text");
    if (model == null) {
      List<InjectionPatterns.Hit> hits = InjectionPatterns.hits(text);
      double p = InjectionPatterns.score(hits);
      return new InjectionScore(p, p, OptionalDouble.empty(), families(hits));
    }
    InjectionFeatures.Vector v = features.extract(text);
    double prob = model.probability(v);
    double combined = combine(prob, v.patternScore());
    return new InjectionScore(
        combined,
        v.patternScore(),
        OptionalDouble.of(prob),
        families(InjectionPatterns.hits(text)));
  }

  /**
   * Scores a text that may hide instructions in a part of it, such as an e-mail a tool returned:
   * the highest score of the whole text and of each line (long lines in overlapping windows), so
   * that benign surroundings do not dilute an injected paragraph.
   *
   * @param text the sanitised text
   * @return the highest score
   */
  public InjectionScore scoreParts(String text) {
    InjectionScore best = score(text);
    if (text.length() < 80) {
      return best;
    }
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.length() < 15 || l.length() == text.strip().length()) {
        continue;
      }
      for (int from = 0; from < l.length(); from += 300) {
        String part = l.substring(from, Math.min(l.length(), from + 600));
        InjectionScore s = score(part);
        if (s.score() > best.score()) {
          best = s;
        }
        if (from + 600 >= l.length()) {
          break;
        }
      }
    }
    return best;
  }

  /** The combination rule: the classifier, raised by a strong pattern hit. */
  static double combine(double classifier, double pattern) {
    return Math.max(classifier, pattern >= 0.85 ? pattern : 0.0);
  }

  private static Set<String> families(List<InjectionPatterns.Hit> hits) {
    return hits.stream()
        .map(h -> h.family().name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  private static final class Holder {
    static final InjectionDetector SHIPPED =
        new InjectionDetector(
            new InjectionFeatures(new AllMiniLmL6V2QuantizedEmbeddingModel(), 384),
            InjectionModel.shipped());
  }
}
