package io.agentkeel.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.agentkeel.security.internal.InjectionFeatures;
import io.agentkeel.security.internal.InjectionModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The training code of the shipped injection classifier and its cross-validated evaluation.
 * Logistic regression comes from liblinear (de.bwaldvogel:liblinear, BSD): a well-kept, dependency
 * free port of LIBLINEAR, used at training time only; the shipped jar holds plain weights.
 *
 * <p>Run {@link #main} to retrain and rewrite the shipped weights.
 */
final class InjectionTraining {
  static final double C = 4.0;
  static final float EMBEDDING_SCALE = 1.0f;

  /** One labelled text. */
  record Example(String text, boolean injection, String language, String source) {}

  /** One labelled text with its features. */
  record Row(Example example, InjectionFeatures.Vector features) {}

  private InjectionTraining() {}

  static List<Example> load(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Sanitiser sanitiser = new Sanitiser(20_000);
    List<Example> out = new ArrayList<>();
    for (String f : List.of("deepset-train.jsonl", "llm-warden-train.jsonl")) {
      for (String line : Files.readAllLines(dir.resolve(f))) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        String text = sanitiser.sanitise(n.get("text").asText()).text();
        out.add(
            new Example(
                text,
                "injection".equals(n.get("label").asText()),
                language(text),
                f.split("-")[0]));
      }
    }
    return out;
  }

  private static final Set<String> GERMAN =
      Set.of(
          "der", "die", "das", "und", "ist", "nicht", "ich", "du", "sie", "wie", "was", "ein",
          "eine", "mit", "für", "auf", "zu", "den", "dem", "des", "im", "sich", "auch", "es", "wir",
          "ihr", "bitte", "vergiss", "alle", "über", "wer", "warum", "welche", "gibt", "kann");
  private static final Pattern WORD = Pattern.compile("[a-zäöüß]+");

  /** A German/English split by function words; the data has no language column. */
  static String language(String text) {
    var m = WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
    int words = 0;
    int german = 0;
    while (m.find()) {
      words++;
      if (GERMAN.contains(m.group())) {
        german++;
      }
    }
    boolean umlaut = text.toLowerCase(java.util.Locale.ROOT).matches("(?s).*[äöüß].*");
    return words > 0 && (german / (double) words > 0.12 || (umlaut && german > 0)) ? "de" : "en";
  }

  static InjectionFeatures extractor() {
    return new InjectionFeatures(new AllMiniLmL6V2QuantizedEmbeddingModel(), 384);
  }

  static List<Row> featurise(InjectionFeatures fx, List<Example> examples) {
    Path cache = Path.of("target/injection-features-" + examples.hashCode() + ".bin");
    if (Files.exists(cache)) {
      try (var in =
          new java.io.DataInputStream(
              new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
        List<Row> rows = new ArrayList<>();
        for (Example e : examples) {
          float[] dense = new float[in.readInt()];
          for (int k = 0; k < dense.length; k++) {
            dense[k] = in.readFloat();
          }
          int[] idx = new int[in.readInt()];
          float[] val = new float[idx.length];
          for (int k = 0; k < idx.length; k++) {
            idx[k] = in.readInt();
            val[k] = in.readFloat();
          }
          in.readDouble();
          InjectionFeatures.Vector fresh = fx.withPatterns(e.text(), dense);
          rows.add(new Row(e, new InjectionFeatures.Vector(dense, idx, val, fresh.patternScore())));
        }
        return rows;
      } catch (IOException e) {
        // recompute below
      }
    }
    List<Row> rows = examples.parallelStream().map(e -> new Row(e, fx.extract(e.text()))).toList();
    try {
      Files.createDirectories(cache.getParent());
      try (var out =
          new java.io.DataOutputStream(
              new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
        for (Row r : rows) {
          InjectionFeatures.Vector v = r.features();
          out.writeInt(v.dense().length);
          for (float f : v.dense()) {
            out.writeFloat(f);
          }
          out.writeInt(v.ngramIndex().length);
          for (int k = 0; k < v.ngramIndex().length; k++) {
            out.writeInt(v.ngramIndex()[k]);
            out.writeFloat(v.ngramValue()[k]);
          }
          out.writeDouble(v.patternScore());
        }
      }
    } catch (IOException e) {
      // the cache is an optimisation only
    }
    return rows;
  }

  static InjectionModel train(List<Row> rows, int embeddingDim, double c, float embScale) {
    Linear.disableDebugOutput();
    int denseDim = rows.get(0).features().dense().length;
    Problem p = new Problem();
    p.l = rows.size();
    int dim = denseDim + InjectionFeatures.NGRAM_BUCKETS;
    p.n = dim + 1; // liblinear's bias is one more feature, appended to every row
    p.bias = 1;
    p.x = new Feature[p.l][];
    p.y = new double[p.l];
    for (int i = 0; i < p.l; i++) {
      InjectionFeatures.Vector v = rows.get(i).features();
      Feature[] x = new Feature[denseDim + v.ngramIndex().length + 1];
      for (int k = 0; k < denseDim; k++) {
        float s = k < embeddingDim ? embScale : 1f;
        x[k] = new FeatureNode(k + 1, v.dense()[k] * s);
      }
      for (int k = 0; k < v.ngramIndex().length; k++) {
        x[denseDim + k] = new FeatureNode(denseDim + v.ngramIndex()[k] + 1, v.ngramValue()[k]);
      }
      x[x.length - 1] = new FeatureNode(dim + 1, p.bias);
      p.x[i] = x;
      p.y[i] = rows.get(i).example().injection() ? 1 : 0;
    }
    Model m = Linear.train(p, new Parameter(SolverType.L2R_LR, c, 0.001));
    double[] w = m.getFeatureWeights();
    double sign = m.getLabels()[0] == 1 ? 1 : -1;
    float[] dense = new float[denseDim];
    for (int k = 0; k < denseDim; k++) {
      dense[k] = (float) (sign * w[k] * (k < embeddingDim ? embScale : 1f));
    }
    float[] ngram = new float[InjectionFeatures.NGRAM_BUCKETS];
    for (int k = 0; k < ngram.length; k++) {
      ngram[k] = (float) (sign * w[denseDim + k]);
    }
    float bias = (float) (sign * w[dim] * p.bias);
    return new InjectionModel(dense, ngram, bias);
  }

  /** Out-of-fold combined scores of a stratified k-fold cross-validation, seed fixed. */
  static double[] crossValidate(
      List<Row> rows, int folds, int embeddingDim, double c, float scale) {
    int[] fold = new int[rows.size()];
    List<Integer> pos = new ArrayList<>();
    List<Integer> neg = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      (rows.get(i).example().injection() ? pos : neg).add(i);
    }
    Random rnd = new Random(20261130L);
    Collections.shuffle(pos, rnd);
    Collections.shuffle(neg, rnd);
    for (int i = 0; i < pos.size(); i++) {
      fold[pos.get(i)] = i % folds;
    }
    for (int i = 0; i < neg.size(); i++) {
      fold[neg.get(i)] = i % folds;
    }
    double[] scores = new double[rows.size()];
    for (int f = 0; f < folds; f++) {
      List<Row> train = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] != f) {
          train.add(rows.get(i));
        }
      }
      InjectionModel m = train(train, embeddingDim, c, scale);
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] == f) {
          InjectionFeatures.Vector v = rows.get(i).features();
          scores[i] = InjectionDetector.combine(m.probability(v), v.patternScore());
        }
      }
    }
    return scores;
  }

  /**
   * True-positive rate at a false-positive rate, read off the ROC curve with linear interpolation
   * between its points (tied scores form one point), so that a detector that only says yes or no is
   * credited as if it flagged at random the share of its hits that keeps within the budget.
   */
  static double tprAtFpr(double[] scores, boolean[] labels, double fpr) {
    Integer[] order = new Integer[scores.length];
    int p = 0;
    int n = 0;
    for (int i = 0; i < scores.length; i++) {
      order[i] = i;
      if (labels[i]) {
        p++;
      } else {
        n++;
      }
    }
    if (p == 0 || n == 0) {
      return 0;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double prevFpr = 0;
    double prevTpr = 0;
    int tp = 0;
    int fp = 0;
    int i = 0;
    while (i < order.length) {
      double s = scores[order[i]];
      while (i < order.length && scores[order[i]] == s) {
        if (labels[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      double f = fp / (double) n;
      double t = tp / (double) p;
      if (f >= fpr) {
        if (f == prevFpr) {
          return t;
        }
        return prevTpr + (t - prevTpr) * (fpr - prevFpr) / (f - prevFpr);
      }
      prevFpr = f;
      prevTpr = t;
    }
    return prevTpr;
  }

  /** Scores and labels of one language. */
  static double tprAtFpr(List<Row> rows, double[] scores, String language, double fpr) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (language == null || rows.get(i).example().language().equals(language)) {
        idx.add(i);
      }
    }
    double[] s = new double[idx.size()];
    boolean[] l = new boolean[idx.size()];
    for (int k = 0; k < idx.size(); k++) {
      s[k] = scores[idx.get(k)];
      l[k] = rows.get(idx.get(k)).example().injection();
    }
    return tprAtFpr(s, l, fpr);
  }

  /**
   * Retrains on all the shared data and writes the shipped weights.
   *
   * @param args the shared data folder, then the output file
   * @throws IOException if reading or writing fails
   */
  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data").resolve("injection");
    Path out =
        Path.of(
            args.length > 1
                ? args[1]
                : "agent-security/src/main/resources" + InjectionModel.RESOURCE);
    InjectionFeatures fx = extractor();
    List<Row> rows = featurise(fx, load(data));
    InjectionModel m = train(rows, fx.embeddingDim(), C, EMBEDDING_SCALE);
    Files.createDirectories(out.getParent());
    try (OutputStream o = Files.newOutputStream(out)) {
      m.write(o);
    }
    System.out.println(
        "wrote "
            + out
            + " trained on "
            + rows.size()
            + " texts, C="
            + C
            + ", dense="
            + Arrays.toString(new int[] {m.dense().length}));
  }
}
