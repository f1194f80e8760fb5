package io.agentkeel.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fast, deterministic embedding of character trigrams hashed into 64 dimensions: no semantics,
 * but texts sharing words get close vectors. For tests where meaning does not matter.
 */
final class HashingModel implements EmbeddingModel {

  static final int DIMENSIONS = 64;

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
    List<Embedding> out = new ArrayList<>(segments.size());
    for (TextSegment segment : segments) {
      out.add(Embedding.from(vector(segment.text())));
    }
    return Response.from(out);
  }

  @Override
  public int dimension() {
    return DIMENSIONS;
  }

  static float[] vector(String text) {
    float[] v = new float[DIMENSIONS];
    String s = " " + text.toLowerCase(Locale.ROOT) + " ";
    for (int i = 0; i + 3 <= s.length(); i++) {
      v[Math.floorMod(s.substring(i, i + 3).hashCode(), DIMENSIONS)] += 1;
    }
    v[0] += 0.01f;
    return v;
  }
}
