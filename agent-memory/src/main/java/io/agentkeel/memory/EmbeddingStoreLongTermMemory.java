package io.agentkeel.memory;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.memory.internal.Ranking;
import io.agentkeel.memory.internal.SessionKey;
import io.agentkeel.memory.internal.Vectors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The long-term tier over any LangChain4j {@link EmbeddingStore} (pgvector, Qdrant, Elasticsearch,
 * the in-memory store…), for deployments that share one store between instances.
 *
 * <p>The memory's owner, id, importance, times and metadata travel as the segment's metadata (keys
 * starting {@code agentkeel_}, metadata keys as {@code m_<key>}); recall searches the store with a
 * filter on the owner and the query's metadata, oversampling ten times the limit (at least 64), and
 * ranks the matches with the same relevance and recency as {@link LuceneLongTermMemory} — dense
 * only, since stores differ in text search. Recall never returns another owner's memory, nor one
 * this instance forgot since the search, and renews the last use of what it returns (by writing the
 * entry again). Thread-safe if the store is; a forget on another instance sharing the store can
 * still race a recall's rewrite.
 */
public final class EmbeddingStoreLongTermMemory implements LongTermMemory {

  private static final String ID = "agentkeel_id";
  private static final String OWNER = "agentkeel_owner";
  private static final String TENANT = "agentkeel_tenant";
  private static final String PRINCIPAL = "agentkeel_principal";
  private static final String IMPORTANCE = "agentkeel_importance";
  private static final String CREATED = "agentkeel_created";
  private static final String LAST_USED = "agentkeel_last_used";
  private static final String META_PREFIX = "m_";
  private static final int PAGE = 1000;

  private final EmbeddingStore<TextSegment> store;
  private final EmbeddingModel model;
  private final Clock clock;

  /**
   * Held by every write (remember, forget, the last-use rewrite of recall), so that a recall's
   * rewrite never brings back a memory forgotten since its search. Within this instance only.
   */
  private final Object writes = new Object();

  /**
   * Creates the tier.
   *
   * @param store the store
   * @param model the embedding model; a store must always be used with the same model
   * @param clock the time source of recency and last use
   */
  public EmbeddingStoreLongTermMemory(
      EmbeddingStore<TextSegment> store, EmbeddingModel model, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.model = Objects.requireNonNull(model, "model");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void remember(MemoryRecord record) {
    Objects.requireNonNull(record, "record");
    float[] vector = Vectors.embedAll(model, List.of(record.text())).get(0);
    synchronized (writes) {
      store.removeAll(metadataKey(ID).isEqualTo(record.id()));
      write(record, vector);
    }
  }

  private void write(MemoryRecord record, float[] vector) {
    Metadata metadata = new Metadata();
    metadata.put(ID, record.id());
    metadata.put(OWNER, SessionKey.ownerKey(record.owner()));
    metadata.put(TENANT, record.owner().tenant());
    metadata.put(PRINCIPAL, record.owner().principal());
    metadata.put(IMPORTANCE, record.importance());
    metadata.put(CREATED, record.createdAt().toString());
    metadata.put(LAST_USED, record.lastUsedAt().toString());
    record.metadata().forEach((key, value) -> metadata.put(META_PREFIX + key, value));
    store.addAll(
        List.of(record.id()),
        List.of(Embedding.from(vector)),
        List.of(TextSegment.from(record.text(), metadata)));
  }

  @Override
  public boolean forget(String id) {
    Objects.requireNonNull(id, "id");
    synchronized (writes) {
      int found = matches(metadataKey(ID).isEqualTo(id), 1).size();
      if (found > 0) {
        store.removeAll(metadataKey(ID).isEqualTo(id));
      }
      return found > 0;
    }
  }

  @Override
  public int forget(MemoryOwner owner) {
    Objects.requireNonNull(owner, "owner");
    Filter filter = metadataKey(OWNER).isEqualTo(SessionKey.ownerKey(owner));
    int forgotten = 0;
    synchronized (writes) {
      while (true) {
        List<EmbeddingMatch<TextSegment>> page = matches(filter, PAGE);
        if (page.isEmpty()) {
          return forgotten;
        }
        List<String> ids = new ArrayList<>(page.size());
        for (EmbeddingMatch<TextSegment> match : page) {
          ids.add(match.embeddingId());
        }
        store.removeAll(ids);
        forgotten += ids.size();
      }
    }
  }

  private List<EmbeddingMatch<TextSegment>> matches(Filter filter, int max) {
    float[] probe = new float[model.dimension()];
    probe[0] = 1;
    return store
        .search(
            EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(probe))
                .filter(filter)
                .maxResults(max)
                .minScore(0.0)
                .build())
        .matches();
  }

  @Override
  public List<RecalledMemory> recall(MemoryQuery query) {
    Objects.requireNonNull(query, "query");
    float[] vector = Vectors.embedQuery(model, query.text());
    Filter filter = metadataKey(OWNER).isEqualTo(SessionKey.ownerKey(query.owner()));
    for (Map.Entry<String, String> entry : query.metadataFilter().entrySet()) {
      filter = filter.and(metadataKey(META_PREFIX + entry.getKey()).isEqualTo(entry.getValue()));
    }
    List<EmbeddingMatch<TextSegment>> matches =
        store
            .search(
                EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(vector))
                    .filter(filter)
                    .maxResults(Ranking.candidates(query.limit()))
                    .minScore(0.0)
                    .build())
            .matches();
    List<Ranking.Candidate> candidates = new ArrayList<>(matches.size());
    for (EmbeddingMatch<TextSegment> match : matches) {
      MemoryRecord record = record(match.embedded());
      if (!record.owner().equals(query.owner())) {
        throw new IllegalStateException("the embedding store returned another owner's memory");
      }
      float[] stored = Vectors.normalized(match.embedding().vector());
      candidates.add(new Ranking.Candidate(record, Vectors.dot(vector, stored), 0, stored));
    }
    Instant now = clock.instant();
    List<RecalledMemory> recalled = new ArrayList<>();
    synchronized (writes) {
      for (Ranking.Ranked ranked : Ranking.rank(candidates, query, now)) {
        MemoryRecord used = ranked.memory().record();
        if (matches(metadataKey(ID).isEqualTo(used.id()), 1).isEmpty()) {
          // Forgotten since the search: neither returned nor written again (that would bring it
          // back).
          continue;
        }
        recalled.add(ranked.memory());
        store.remove(used.id());
        write(
            new MemoryRecord(
                used.id(),
                used.owner(),
                used.text(),
                used.metadata(),
                used.importance(),
                used.createdAt(),
                now),
            (float[]) ranked.handle());
      }
    }
    return List.copyOf(recalled);
  }

  private static MemoryRecord record(TextSegment segment) {
    Metadata metadata = segment.metadata();
    Map<String, String> values = new LinkedHashMap<>();
    metadata
        .toMap()
        .forEach((key, value) -> {
          if (key.startsWith(META_PREFIX)) {
            values.put(key.substring(META_PREFIX.length()), String.valueOf(value));
          }
        });
    Double importance = metadata.getDouble(IMPORTANCE);
    return new MemoryRecord(
        metadata.getString(ID),
        new MemoryOwner(metadata.getString(TENANT), metadata.getString(PRINCIPAL)),
        segment.text(),
        values,
        importance == null ? 0.5 : importance,
        Instant.parse(metadata.getString(CREATED)),
        Instant.parse(metadata.getString(LAST_USED)));
  }
}
