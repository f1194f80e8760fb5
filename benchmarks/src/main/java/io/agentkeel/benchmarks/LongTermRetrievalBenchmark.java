package io.agentkeel.benchmarks;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.memory.LuceneLongTermMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Long-term retrieval at 100,000 memories of one owner, embedding excluded: each memory and query
 * has a precomputed 384-dimension vector drawn around one of 1,000 cluster centres, served by an
 * embedding model that only looks the text up.
 *
 * <ul>
 *   <li>{@code lucene}: {@link LuceneLongTermMemory#recall} with the default weights, limit 5
 *       (filtered HNSW with oversampling, BM25, ranking, last-use bookkeeping); its p50 is {@code
 *       ltm_retrieve_p50_ms_100k}.
 *   <li>{@code inMemoryStore}: LangChain4j's {@code InMemoryEmbeddingStore} searching the same
 *       vectors with the same owner filter, top 5; its p50 over ours is {@code
 *       ltm_speedup_vs_inmemory_100k}.
 * </ul>
 *
 * <p>At setup, recall@5 of the HNSW path against an exact search (pure relevance, queries sharing
 * no word with any memory, so the ranking is cosine alone) is printed as {@code
 * ltm_recall_at5_vs_exact}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LongTermRetrievalBenchmark {

  static final int MEMORIES = 100_000;
  static final int DIMENSIONS = 384;
  static final int CLUSTERS = 1_000;
  static final int QUERIES = 200;
  static final MemoryOwner OWNER = new MemoryOwner("bench", "owner");

  private Path directory;
  private LuceneLongTermMemory lucene;
  private InMemoryEmbeddingStore<TextSegment> inMemory;
  private final List<String> queryTexts = new ArrayList<>();
  private final List<float[]> queryVectors = new ArrayList<>();
  private int next;

  /** An embedding model that serves precomputed vectors by text. */
  static final class LookupModel implements EmbeddingModel {
    final Map<String, float[]> vectors = new HashMap<>();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      List<Embedding> out = new ArrayList<>(segments.size());
      for (TextSegment segment : segments) {
        float[] vector = vectors.get(segment.text());
        if (vector == null) {
          throw new IllegalArgumentException("no precomputed vector for a text");
        }
        out.add(Embedding.from(vector));
      }
      return Response.from(out);
    }

    @Override
    public int dimension() {
      return DIMENSIONS;
    }
  }

  static String letters(int n) {
    StringBuilder out = new StringBuilder();
    int rest = n;
    do {
      out.append((char) ('a' + rest % 26));
      rest /= 26;
    } while (rest > 0);
    return out.toString();
  }

  static float[] around(float[] centre, Random random, double noise) {
    float[] v = new float[DIMENSIONS];
    double norm = 0;
    for (int i = 0; i < DIMENSIONS; i++) {
      v[i] = (float) (centre[i] + random.nextGaussian() * noise);
      norm += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < DIMENSIONS; i++) {
      v[i] *= scale;
    }
    return v;
  }

  /** Builds the index and the in-memory store, and measures recall against exact search. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Random random = new Random(7);
    float[][] centres = new float[CLUSTERS][];
    for (int c = 0; c < CLUSTERS; c++) {
      centres[c] = around(new float[DIMENSIONS], random, 1.0);
    }
    LookupModel model = new LookupModel();
    List<MemoryRecord> records = new ArrayList<>(MEMORIES);
    List<float[]> vectors = new ArrayList<>(MEMORIES);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < MEMORIES; i++) {
      String text = "memory " + i + " about topic " + (i % CLUSTERS);
      float[] vector = around(centres[i % CLUSTERS], random, 0.04);
      model.vectors.put(text, vector);
      vectors.add(vector);
      Instant at = start.plusSeconds(i * 60L);
      records.add(new MemoryRecord("m" + i, OWNER, text, Map.of(), 0.5, at, at));
    }
    for (int q = 0; q < QUERIES; q++) {
      // Letters only: no query shares a term with any memory, so ranking is by vector alone.
      String text = "query " + letters(q);
      float[] vector = around(centres[random.nextInt(CLUSTERS)], random, 0.04);
      model.vectors.put(text, vector);
      queryTexts.add(text);
      queryVectors.add(vector);
    }
    directory = Files.createTempDirectory("agentkeel-ltm-bench");
    Clock clock = Clock.fixed(start.plusSeconds(MEMORIES * 60L), ZoneOffset.UTC);
    lucene = LuceneLongTermMemory.open(directory, model, clock, 4096);
    lucene.rememberAll(records);
    inMemory = new InMemoryEmbeddingStore<>();
    List<String> ids = new ArrayList<>(MEMORIES);
    List<Embedding> embeddings = new ArrayList<>(MEMORIES);
    List<TextSegment> segments = new ArrayList<>(MEMORIES);
    for (int i = 0; i < MEMORIES; i++) {
      ids.add("m" + i);
      embeddings.add(Embedding.from(vectors.get(i)));
      segments.add(TextSegment.from(records.get(i).text(), Metadata.from("owner", "bench:owner")));
    }
    inMemory.addAll(ids, embeddings, segments);
    double recall = recallAgainstExact(vectors);
    System.out.printf(Locale.ROOT, "ltm_recall_at5_vs_exact,%.4f%n", recall);
  }

  private double recallAgainstExact(List<float[]> vectors) {
    int found = 0;
    int total = 0;
    for (int q = 0; q < QUERIES; q++) {
      float[] query = queryVectors.get(q);
      Set<String> exact = new HashSet<>();
      Integer[] order = new Integer[MEMORIES];
      double[] scores = new double[MEMORIES];
      for (int i = 0; i < MEMORIES; i++) {
        order[i] = i;
        double dot = 0;
        float[] v = vectors.get(i);
        for (int d = 0; d < DIMENSIONS; d++) {
          dot += query[d] * v[d];
        }
        scores[i] = dot;
      }
      java.util.Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
      for (int k = 0; k < 5; k++) {
        exact.add("m" + order[k]);
      }
      List<RecalledMemory> approximate =
          lucene.recall(
              MemoryQuery.builder(OWNER, queryTexts.get(q)).weights(1, 0).limit(5).build());
      for (RecalledMemory memory : approximate) {
        if (exact.contains(memory.record().id())) {
          found++;
        }
      }
      total += 5;
    }
    return found / (double) total;
  }

  /**
   * One recall through the Lucene index, default weights, limit 5.
   *
   * @return the memories
   */
  @Benchmark
  public List<RecalledMemory> lucene() {
    String text = queryTexts.get(next++ % QUERIES);
    return lucene.recall(MemoryQuery.of(OWNER, text, 5));
  }

  /**
   * One search of LangChain4j's in-memory store, same vectors and owner filter, top 5.
   *
   * @return the matches
   */
  @Benchmark
  public Object inMemoryStore() {
    float[] query = queryVectors.get(next++ % QUERIES);
    return inMemory
        .search(
            EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(query))
                .filter(MetadataFilterBuilder.metadataKey("owner").isEqualTo("bench:owner"))
                .maxResults(5)
                .build())
        .matches();
  }

  /** Closes and deletes the index. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    lucene.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(path -> {
            try {
              Files.delete(path);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
