package io.agentkeel.examples.demo;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Ranks tools by how close their <em>when to use</em> text is to a request. Thread-safe. */
final class ToolRanker {

  /** A tool and its similarity to the request. */
  record Ranked(ToolSpecification tool, double similarity) {}

  private static final String WHEN_TO_USE = "When to use:";

  private final Function<String, float[]> embedder;
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();

  ToolRanker(Function<String, float[]> embedder) {
    this.embedder = embedder;
  }

  /** The ranker over the quantised all-MiniLM-L6-v2, loaded on first use. */
  static ToolRanker miniLm() {
    return new ToolRanker(text -> MiniLm.MODEL.embed(text).content().vector());
  }

  /** Loads the model on a daemon thread; the holder's class initialisation makes others wait. */
  static void warmUp() {
    if (WARMING.compareAndSet(false, true)) {
      loading =
          Thread.ofPlatform()
              .daemon()
              .name("offline-demo-model-load")
              .start(() -> MiniLm.MODEL.getClass());
    }
  }

  /**
   * Waits for a load that {@link #warmUp} started, if one is in flight: a process that exits while
   * the ONNX runtime is loading on another thread is aborted by the runtime's native teardown.
   *
   * @param max the longest wait
   * @throws InterruptedException if interrupted while waiting
   */
  static void awaitWarmUp(Duration max) throws InterruptedException {
    Thread thread = loading;
    if (thread != null) {
      thread.join(max);
    }
  }

  private static volatile Thread loading;

  private static final java.util.concurrent.atomic.AtomicBoolean WARMING =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Holds the model, so that it is loaded by the first request that needs it. LangChain4j keeps one
   * ONNX session per process for this class, the one agent-memory's long-term tier and
   * agent-security's injection classifier embed with too, so the demo model adds no second load.
   * Embeddings are computed on the caller's thread.
   */
  private static final class MiniLm {
    static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
  }

  /**
   * The tools, most similar first.
   *
   * @param request the user's request
   * @param tools the tools on offer
   * @return every tool with its similarity, in decreasing order
   */
  List<Ranked> rank(String request, List<ToolSpecification> tools) {
    float[] query = embedder.apply(request);
    List<Ranked> ranked = new ArrayList<>();
    for (ToolSpecification tool : tools) {
      String purpose = whenToUse(tool);
      float[] vector = cache.computeIfAbsent(purpose, embedder);
      ranked.add(new Ranked(tool, cosine(query, vector)));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::similarity).reversed());
    return ranked;
  }

  /** The part of a tool's description that says when to use it, or the whole description. */
  static String whenToUse(ToolSpecification tool) {
    String description = tool.description() == null ? "" : tool.description();
    int at = description.indexOf(WHEN_TO_USE);
    String purpose =
        at >= 0 ? description.substring(at + WHEN_TO_USE.length()).strip() : description.strip();
    return purpose.isEmpty() ? tool.name().replace('_', ' ') : purpose;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      normA += a[i] * a[i];
      normB += b[i] * b[i];
    }
    return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
  }
}
