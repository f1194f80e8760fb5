package io.agentkeel.memory;

import dev.langchain4j.model.embedding.EmbeddingModel;

/** The default embedding model, loaded once per test JVM. */
final class SharedModel {

  private static final EmbeddingModel MODEL = EmbeddingModels.defaultModel();

  private SharedModel() {}

  static EmbeddingModel get() {
    return MODEL;
  }
}
