package io.agentkeel.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/** Vector helpers: embedding in batches, normalising to unit length, dot products. */
public final class Vectors {

  private Vectors() {}

  /**
   * Embeds texts and normalises each vector.
   *
   * @param model the model
   * @param texts the texts
   * @return one unit vector per text, in order
   */
  public static List<float[]> embedAll(EmbeddingModel model, List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String text : texts) {
      if (!text.isBlank()) {
        segments.add(TextSegment.from(text));
      }
    }
    List<Embedding> embeddings =
        segments.isEmpty() ? List.of() : model.embedAll(segments).content();
    List<float[]> vectors = new ArrayList<>(texts.size());
    int next = 0;
    for (String text : texts) {
      // Models refuse blank text; a blank memory gets a fixed unit vector, meaning nothing.
      vectors.add(
          text.isBlank() ? blank(model.dimension()) : normalized(embeddings.get(next++).vector()));
    }
    return vectors;
  }

  /** The instruction BGE models were trained to see before a search query (not before passages). */
  static final String BGE_QUERY_INSTRUCTION =
      "Represent this sentence for searching relevant passages: ";

  /**
   * Embeds a search query as its model expects it: BGE models get their query instruction, others
   * the text alone; a blank query gets {@link #blank}.
   *
   * @param model the model
   * @param text the query
   * @return the query's unit vector
   */
  public static float[] embedQuery(EmbeddingModel model, String text) {
    if (text.isBlank()) {
      return blank(model.dimension());
    }
    String input =
        model.getClass().getSimpleName().startsWith("Bge") ? BGE_QUERY_INSTRUCTION + text : text;
    return normalized(model.embed(input).content().vector());
  }

  /**
   * The vector of a blank text: a fixed unit vector, so that stores that divide by the norm still
   * work.
   *
   * @param dimension the model's dimension
   * @return the vector
   */
  public static float[] blank(int dimension) {
    float[] vector = new float[dimension];
    vector[0] = 1;
    return vector;
  }

  /**
   * A unit-length copy of a vector; a zero vector stays zero.
   *
   * @param vector the vector
   * @return its normalised copy
   */
  public static float[] normalized(float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += (double) v * v;
    }
    float[] unit = vector.clone();
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < unit.length; i++) {
        unit[i] *= scale;
      }
    }
    return unit;
  }

  /**
   * The dot product of two vectors of one length.
   *
   * @param a one
   * @param b the other
   * @return their dot product
   */
  public static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
