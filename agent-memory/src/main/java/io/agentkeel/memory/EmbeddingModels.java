package io.agentkeel.memory;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.Locale;

/**
 * The in-process embedding models the long-term tier can use, shipped in Maven jars (nothing is
 * downloaded at run time). The default was chosen by measurement on the module's retrieval set; see
 * the module's README.
 */
public final class EmbeddingModels {

  /** all-MiniLM-L6-v2, quantized: 384 dimensions. */
  public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";

  /** bge-small-en-v1.5, quantized: 384 dimensions. */
  public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v1.5-q";

  /** The name of the default model. */
  public static final String DEFAULT = ALL_MINILM_L6_V2_Q;

  private EmbeddingModels() {}

  /**
   * Loads a model by name.
   *
   * @param name {@value #ALL_MINILM_L6_V2_Q} or {@value #BGE_SMALL_EN_V15_Q}
   * @return the model, loaded in process
   * @throws IllegalArgumentException naming the known models, if the name is unknown
   */
  public static EmbeddingModel byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case ALL_MINILM_L6_V2_Q -> new AllMiniLmL6V2QuantizedEmbeddingModel();
      case BGE_SMALL_EN_V15_Q -> new BgeSmallEnV15QuantizedEmbeddingModel();
      default ->
          throw new IllegalArgumentException(
              "unknown embedding model '"
                  + name
                  + "'; use "
                  + ALL_MINILM_L6_V2_Q
                  + " or "
                  + BGE_SMALL_EN_V15_Q);
    };
  }

  /**
   * Loads the default model.
   *
   * @return the model
   */
  public static EmbeddingModel defaultModel() {
    return byName(DEFAULT);
  }
}
