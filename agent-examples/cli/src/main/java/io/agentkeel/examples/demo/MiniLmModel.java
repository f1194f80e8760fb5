package io.agentkeel.examples.demo;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * The quantised all-MiniLM-L6-v2 from its Maven jar, opened for a short-lived command line: one
 * inference thread that sleeps rather than spins while waiting, and basic graph optimisation, which
 * loads faster than the default's full optimisation and embeds a handful of short texts as fast.
 * Falls back to LangChain4j's own class if the jar's layout is not the expected one.
 */
final class MiniLmModel extends AbstractInProcessEmbeddingModel {

  private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

  private final OnnxBertBiEncoder encoder;

  private MiniLmModel(OnnxBertBiEncoder encoder, Executor executor) {
    super(executor);
    this.encoder = encoder;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return 384;
  }

  static EmbeddingModel load() {
    Class<?> owner = AllMiniLmL6V2QuantizedEmbeddingModel.class;
    try (InputStream model = owner.getResourceAsStream(MODEL);
        InputStream tokenizer = owner.getResourceAsStream(TOKENIZER)) {
      if (model == null || tokenizer == null) {
        return new AllMiniLmL6V2QuantizedEmbeddingModel();
      }
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      return new MiniLmModel(
          new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN), Runnable::run);
    } catch (IOException | OrtException e) {
      return new AllMiniLmL6V2QuantizedEmbeddingModel();
    }
  }
}
