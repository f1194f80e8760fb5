package io.agentkeel.security.internal;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The injection classifier's features, shared by the shipped model and its training code: a
 * sentence embedding (English-centred), hashed character n-grams (language-independent, so German
 * is no blind spot) and the pattern layer's families. The vector is dense over the embedding and
 * the families, sparse over the n-grams.
 */
public final class InjectionFeatures {
  /** Number of hashed n-gram buckets. */
  public static final int NGRAM_BUCKETS = 1 << 15;

  /** Characters of the text that the embedding reads: the head and the tail of longer texts. */
  static final int EMBED_HEAD = 1500;

  static final int EMBED_TAIL = 500;

  /** Characters of the text that the n-grams read. */
  static final int NGRAM_LIMIT = 20_000;

  private final EmbeddingModel embeddings;
  private final int embeddingDim;

  /**
   * Creates an extractor.
   *
   * @param embeddings the in-process embedding model
   * @param embeddingDim its dimension
   */
  public InjectionFeatures(EmbeddingModel embeddings, int embeddingDim) {
    this.embeddings = embeddings;
    this.embeddingDim = embeddingDim;
  }

  /**
   * The full dimension: embedding, then families plus the pattern score, then n-gram buckets.
   *
   * @return the dimension
   */
  public int dimension() {
    return embeddingDim + patternDim() + NGRAM_BUCKETS;
  }

  /**
   * The dimension of the pattern block.
   *
   * @return the dimension
   */
  public static int patternDim() {
    return InjectionPatterns.familyCount() + 1;
  }

  /**
   * The embedding dimension.
   *
   * @return the dimension
   */
  public int embeddingDim() {
    return embeddingDim;
  }

  /**
   * Features of one text.
   *
   * @param text the sanitised text
   * @return the features
   */
  public Vector extract(String text) {
    float[] dense = new float[embeddingDim + patternDim()];
    float[] e = embed(text);
    System.arraycopy(e, 0, dense, 0, e.length);
    return withPatterns(text, dense);
  }

  /**
   * Recomputes the pattern block of a vector whose embedding is known, as training does when the
   * patterns change.
   *
   * @param text the text
   * @param dense the dense block; its pattern part is overwritten
   * @return the vector
   */
  public Vector withPatterns(String text, float[] dense) {
    java.util.Arrays.fill(dense, embeddingDim, dense.length, 0f);
    List<InjectionPatterns.Hit> hits = InjectionPatterns.hits(text);
    for (InjectionPatterns.Hit h : hits) {
      int k = embeddingDim + h.family().ordinal();
      dense[k] = (float) Math.max(dense[k], h.weight());
    }
    dense[embeddingDim + InjectionPatterns.familyCount()] = (float) InjectionPatterns.score(hits);
    int[][] grams = ngrams(text);
    return new Vector(dense, grams[0], toFloats(grams[1]), InjectionPatterns.score(hits));
  }

  private float[] embed(String text) {
    String t = text.isBlank() ? "." : text;
    if (t.length() > EMBED_HEAD + EMBED_TAIL) {
      t = t.substring(0, EMBED_HEAD) + " … " + t.substring(t.length() - EMBED_TAIL);
    }
    return embeddings.embed(t).content().vector();
  }

  private static float[] toFloats(int[] counts) {
    float[] f = new float[counts.length];
    double norm = 0;
    for (int i = 0; i < counts.length; i++) {
      f[i] = (float) Math.log1p(counts[i]);
      norm += f[i] * f[i];
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < f.length; i++) {
        f[i] /= (float) norm;
      }
    }
    return f;
  }

  /** Sorted bucket indices and their counts, for character 3-, 4- and 5-grams within words. */
  static int[][] ngrams(String text) {
    String t = text.length() > NGRAM_LIMIT ? text.substring(0, NGRAM_LIMIT) : text;
    String s = " " + t.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
    int[] counts = new int[NGRAM_BUCKETS];
    int distinct = 0;
    for (int n = 3; n <= 5; n++) {
      for (int i = 0; i + n <= s.length(); i++) {
        int h = 0x811C9DC5 ^ n;
        for (int k = i; k < i + n; k++) {
          h ^= s.charAt(k);
          h *= 0x01000193;
        }
        int b = (h & 0x7fffffff) % NGRAM_BUCKETS;
        if (counts[b]++ == 0) {
          distinct++;
        }
      }
    }
    int[] idx = new int[distinct];
    int[] val = new int[distinct];
    int j = 0;
    for (int b = 0; b < NGRAM_BUCKETS && j < distinct; b++) {
      if (counts[b] > 0) {
        idx[j] = b;
        val[j] = counts[b];
        j++;
      }
    }
    return new int[][] {idx, val};
  }

  /**
   * One text's features.
   *
   * @param dense the embedding then the pattern block
   * @param ngramIndex sorted n-gram buckets
   * @param ngramValue their weights (log counts, unit length)
   * @param patternScore the pattern layer's own score
   */
  public record Vector(float[] dense, int[] ngramIndex, float[] ngramValue, double patternScore) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Vector v
          && Arrays.equals(dense, v.dense)
          && Arrays.equals(ngramIndex, v.ngramIndex)
          && Arrays.equals(ngramValue, v.ngramValue);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(dense) * 31 + Arrays.hashCode(ngramIndex);
    }

    @Override
    public String toString() {
      return "Vector[dense=" + dense.length + ", ngrams=" + ngramIndex.length + "]";
    }
  }
}
