package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrieval quality on the generated set ({@link RetrievalSet}): 1,200 memories, 100 paraphrased
 * questions whose relevant memory is older than almost every other. Also compares the two candidate
 * embedding models on it and writes the comparison to {@code target/retrieval-comparison.txt}.
 */
class RetrievalQualityTest {

  private static final Logger LOG = LoggerFactory.getLogger(RetrievalQualityTest.class);

  @TempDir Path dir;

  record Result(String model, double recallAt5, double recallAt1, double mrr, double oldInTop5) {}

  static Result measure(String modelName, EmbeddingModel model, Path dir) {
    RetrievalSet set = RetrievalSet.generate(42);
    Clock clock = Clock.fixed(RetrievalSet.NOW, ZoneOffset.UTC);
    try (LuceneLongTermMemory memory = LuceneLongTermMemory.open(dir, model, clock)) {
      memory.rememberAll(set.memories);
      Map<String, MemoryRecord> byId =
          set.memories.stream().collect(Collectors.toMap(MemoryRecord::id, Function.identity()));
      List<java.time.Instant> times =
          set.memories.stream().map(MemoryRecord::createdAt).sorted().toList();
      java.time.Instant olderThanMost = times.get(times.size() / 10);
      int hits5 = 0;
      int hits1 = 0;
      double mrr = 0;
      int old = 0;
      int oldHits = 0;
      for (RetrievalSet.Query query : set.queries) {
        List<RecalledMemory> top =
            memory.recall(MemoryQuery.builder(query.owner(), query.text()).limit(5).build());
        List<String> ids = top.stream().map(r -> r.record().id()).toList();
        int rank = ids.indexOf(query.relevantId());
        if (rank >= 0) {
          hits5++;
          mrr += 1.0 / (rank + 1);
        }
        if (rank == 0) {
          hits1++;
        }
        if (byId.get(query.relevantId()).createdAt().isBefore(olderThanMost)) {
          old++;
          if (rank >= 0) {
            oldHits++;
          }
        }
      }
      int n = set.queries.size();
      return new Result(
          modelName, hits5 / (double) n, hits1 / (double) n, mrr / n, oldHits / (double) old);
    }
  }

  @Test
  void defaultModelFindsOldParaphrasedFactsInTheTopFive() {
    RetrievalSet set = RetrievalSet.generate(42);
    assertThat(set.memories).hasSizeGreaterThanOrEqualTo(1000);
    assertThat(set.queries).hasSizeGreaterThanOrEqualTo(100);
    Result result = measure(EmbeddingModels.DEFAULT, EmbeddingModels.defaultModel(), dir);
    LOG.info("default model on the retrieval set: {}", result);
    assertThat(result.recallAt5()).isGreaterThanOrEqualTo(0.9);
    assertThat(result.oldInTop5()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void comparesTheCandidateModels() throws Exception {
    List<Result> results = new ArrayList<>();
    for (String name :
        List.of(EmbeddingModels.ALL_MINILM_L6_V2_Q, EmbeddingModels.BGE_SMALL_EN_V15_Q)) {
      long started = System.nanoTime();
      Result result = measure(name, EmbeddingModels.byName(name), dir.resolve(name));
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info("{} in {} s", result, String.format(Locale.ROOT, "%.1f", seconds));
      results.add(result);
    }
    StringBuilder report = new StringBuilder("model,recall@5,recall@1,mrr@5,old_in_top5\n");
    for (Result r : results) {
      report.append(
          String.format(
              Locale.ROOT,
              "%s,%.3f,%.3f,%.3f,%.3f%n",
              r.model(),
              r.recallAt5(),
              r.recallAt1(),
              r.mrr(),
              r.oldInTop5()));
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "retrieval-comparison.txt"), report);
    Result best = results.stream().max(Comparator.comparingDouble(Result::mrr)).orElseThrow();
    assertThat(best.model())
        .as("the default model is the one that measured best")
        .isEqualTo(EmbeddingModels.DEFAULT);
  }
}
