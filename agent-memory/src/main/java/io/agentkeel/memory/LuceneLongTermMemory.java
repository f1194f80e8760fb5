package io.agentkeel.memory;

import static io.agentkeel.memory.internal.MemoryDocuments.ID;
import static io.agentkeel.memory.internal.MemoryDocuments.LAST_USED;
import static io.agentkeel.memory.internal.MemoryDocuments.META;
import static io.agentkeel.memory.internal.MemoryDocuments.OWNER;
import static io.agentkeel.memory.internal.MemoryDocuments.VECTOR;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.memory.internal.MemoryDocuments;
import io.agentkeel.memory.internal.Ranking;
import io.agentkeel.memory.internal.SessionKey;
import io.agentkeel.memory.internal.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded long-term tier: a persistent Apache Lucene index under a directory, holding for each
 * memory its text (BM25, English stemming), its vector from an in-process embedding model (HNSW,
 * dot product over unit vectors), its owner and metadata (exact filters) and its last use.
 *
 * <p>Recall gathers candidates from both retrievers within the owner and the metadata filter, and
 * ranks them by a calibrated mix of cosine and BM25 turned into a relevance relative to the best
 * candidate, plus recency weighted as the query says (see {@link RecalledMemory}). Filtered HNSW
 * search loses recall when the filter keeps few documents, so an owner with at most {@code
 * exactBelow} matching memories (4,096 by default) is searched exactly, and a larger one with ten
 * times the query's limit (at least 64) as HNSW candidates. Recall never returns another owner's
 * memory, and updates the last use of what it returns.
 *
 * <p>{@link #remember} and {@link #forget} commit, so the index survives a crash after they return;
 * {@link #rememberAll} commits once for a batch. Last uses set by recall are kept in memory (and
 * read from there) until the next write, {@link #commit()} or {@link #close()}, so a recall costs
 * no index reopen; a crash loses only them. One process opens a directory at a time. Thread-safe.
 */
public final class LuceneLongTermMemory implements LongTermMemory, AutoCloseable {

  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final EmbeddingModel model;
  private final Clock clock;
  private final Analyzer analyzer;
  private final int exactBelow;

  /**
   * How many times the index was changed, and up to which change the searcher was last reopened: a
   * reader reopens (or waits for a reopen already under way) until the searcher holds every change
   * made before it asked. A flag taken by the first reader let a second one search the old index
   * while the first was still reopening it.
   */
  private final AtomicLong changes = new AtomicLong();

  private volatile long reopenedAt;
  private final Object reopening = new Object();

  /**
   * Last uses not yet written to the index, by memory id: recall records them here and reads them
   * back, and they are written (as doc-value updates) before the next commit, so a recall costs no
   * index reopen.
   */
  private final ConcurrentHashMap<String, Long> pendingLastUse = new ConcurrentHashMap<>();

  private static final int MAX_PENDING_LAST_USES = 10_000;

  private LuceneLongTermMemory(Path path, EmbeddingModel model, Clock clock, int exactBelow)
      throws IOException {
    this.model = model;
    this.clock = clock;
    this.exactBelow = exactBelow;
    this.analyzer = new EnglishAnalyzer();
    this.directory = FSDirectory.open(path);
    IndexWriterConfig config = new IndexWriterConfig(analyzer);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    // Fewer, larger segments: each segment has its own HNSW graph, searched in turn.
    config.setRAMBufferSizeMB(128);
    IndexWriter opened;
    try {
      opened = new IndexWriter(directory, config);
    } catch (IOException e) {
      directory.close();
      throw e;
    }
    this.writer = opened;
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * Opens (creating if needed) the index in a directory.
   *
   * @param path the index directory, such as {@code dataDir/long-term}
   * @param model the embedding model; an index must always be used with the same model
   * @param clock the time source of recency and last use
   * @return the long-term memory; close it to commit and release the directory
   * @throws UncheckedIOException if the index cannot be opened, for example because another process
   *     has it open
   */
  public static LuceneLongTermMemory open(Path path, EmbeddingModel model, Clock clock) {
    return open(path, model, clock, 4096);
  }

  /**
   * Opens the index, choosing below how many matching memories recall is exact.
   *
   * @param path the index directory
   * @param model the embedding model
   * @param clock the time source
   * @param exactBelow an owner with at most this many matching memories is searched exactly
   * @return the long-term memory
   * @throws IllegalArgumentException if {@code exactBelow} is negative
   * @throws UncheckedIOException if the index cannot be opened
   */
  public static LuceneLongTermMemory open(
      Path path, EmbeddingModel model, Clock clock, int exactBelow) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(clock, "clock");
    if (exactBelow < 0) {
      throw new IllegalArgumentException("exactBelow must not be negative, got " + exactBelow);
    }
    try {
      return new LuceneLongTermMemory(path, model, clock, exactBelow);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the long-term memory index at "
              + path
              + " ("
              + e.getMessage()
              + "); is another process using it?",
          e);
    }
  }

  @Override
  public void remember(MemoryRecord record) {
    rememberAll(List.of(record));
  }

  /**
   * Keeps many memories, replacing those with the same ids, and commits once.
   *
   * @param records the memories
   * @throws IllegalArgumentException if the embedding model's dimension differs from the index's
   */
  public void rememberAll(Collection<MemoryRecord> records) {
    List<MemoryRecord> batch = List.copyOf(records);
    List<float[]> vectors =
        Vectors.embedAll(model, batch.stream().map(MemoryRecord::text).toList());
    try {
      for (int i = 0; i < batch.size(); i++) {
        MemoryRecord record = batch.get(i);
        pendingLastUse.remove(record.id());
        writer.updateDocument(
            new Term(ID, record.id()), MemoryDocuments.document(record, vectors.get(i)));
      }
      writePendingLastUses();
      writer.commit();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot index the memory: "
              + e.getMessage()
              + "; an index must always be used with the embedding model it was built with",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the long-term memory index", e);
    }
    changes.incrementAndGet();
  }

  @Override
  public boolean forget(String id) {
    Objects.requireNonNull(id, "id");
    return delete(new TermQuery(new Term(ID, id))) > 0;
  }

  @Override
  public int forget(MemoryOwner owner) {
    Objects.requireNonNull(owner, "owner");
    return delete(new TermQuery(new Term(OWNER, SessionKey.ownerKey(owner))));
  }

  private synchronized int delete(Query query) {
    try {
      refreshIfStale();
      IndexSearcher searcher = searchers.acquire();
      int count;
      try {
        count = searcher.count(query);
      } finally {
        searchers.release(searcher);
      }
      if (count > 0) {
        writer.deleteDocuments(query);
        writePendingLastUses();
        writer.commit();
        changes.incrementAndGet();
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete from the long-term memory index", e);
    }
  }

  /**
   * How many memories the index holds, of every owner.
   *
   * @return the count
   */
  public int size() {
    try {
      refreshIfStale();
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the long-term memory index", e);
    }
  }

  private void refreshIfStale() throws IOException {
    long wanted = changes.get();
    if (reopenedAt >= wanted) {
      return;
    }
    synchronized (reopening) {
      if (reopenedAt >= wanted) {
        return;
      }
      long upTo = changes.get();
      searchers.maybeRefreshBlocking();
      reopenedAt = upTo;
    }
  }

  @Override
  public List<RecalledMemory> recall(MemoryQuery query) {
    Objects.requireNonNull(query, "query");
    float[] vector = Vectors.embedQuery(model, query.text());
    try {
      refreshIfStale();
      IndexSearcher searcher = searchers.acquire();
      List<Ranking.Ranked> ranked;
      Instant now = clock.instant();
      try {
        ranked = Ranking.rank(candidates(searcher, query, vector), query, now);
      } finally {
        searchers.release(searcher);
      }
      List<RecalledMemory> recalled = new ArrayList<>(ranked.size());
      for (Ranking.Ranked memory : ranked) {
        recalled.add(memory.memory());
        pendingLastUse.put(memory.memory().record().id(), MemoryDocuments.nanos(now));
      }
      if (pendingLastUse.size() > MAX_PENDING_LAST_USES) {
        writePendingLastUses();
      }
      return List.copyOf(recalled);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the long-term memory index", e);
    }
  }

  private List<Ranking.Candidate> candidates(
      IndexSearcher searcher, MemoryQuery query, float[] vector) throws IOException {
    BooleanQuery.Builder filterBuilder = new BooleanQuery.Builder();
    filterBuilder.add(
        new TermQuery(new Term(OWNER, SessionKey.ownerKey(query.owner()))),
        BooleanClause.Occur.FILTER);
    query
        .metadataFilter()
        .forEach((key, value) ->
            filterBuilder.add(
                new TermQuery(new Term(META, key + '\u0000' + value)), BooleanClause.Occur.FILTER));
    Query filter = filterBuilder.build();
    int matching = searcher.count(filter);
    if (matching == 0) {
      return List.of();
    }
    int wanted = Ranking.candidates(query.limit());
    Set<Integer> docs = new LinkedHashSet<>();

    if (matching <= exactBelow) {
      for (ScoreDoc hit : searcher.search(new ConstantScoreQuery(filter), matching).scoreDocs) {
        docs.add(hit.doc);
      }
    } else {
      TopDocs dense =
          searcher.search(new KnnFloatVectorQuery(VECTOR, vector, wanted, filter), wanted);
      for (ScoreDoc hit : dense.scoreDocs) {
        docs.add(hit.doc);
      }
    }
    Map<Integer, Double> cosines = cosines(searcher, docs, vector);
    if (docs.size() > wanted) {
      // The exact path scored every matching memory: keep the best by cosine as dense candidates.
      List<Integer> best = new ArrayList<>(docs);
      best.sort(
          (a, b) -> Double.compare(cosines.getOrDefault(b, -2.0), cosines.getOrDefault(a, -2.0)));
      docs = new LinkedHashSet<>(best.subList(0, wanted));
    }
    Map<Integer, Double> lexical = new HashMap<>();
    Query text = MemoryDocuments.lexicalQuery(analyzer, query.text());
    if (text != null) {
      Query scoped =
          new BooleanQuery.Builder()
              .add(text, BooleanClause.Occur.MUST)
              .add(filter, BooleanClause.Occur.FILTER)
              .build();
      Set<Integer> added = new LinkedHashSet<>();
      for (ScoreDoc hit : searcher.search(scoped, Math.min(wanted, matching)).scoreDocs) {
        lexical.put(hit.doc, (double) hit.score);
        if (docs.add(hit.doc) && !cosines.containsKey(hit.doc)) {
          added.add(hit.doc);
        }
      }
      cosines.putAll(cosines(searcher, added, vector));
    }
    Map<Integer, MemoryRecord> records = new LinkedHashMap<>();
    for (int doc : docs) {
      records.put(doc, MemoryDocuments.load(searcher, doc, pendingLastUse));
    }
    if (text != null) {
      List<BytesRef> missing = new ArrayList<>();
      for (Map.Entry<Integer, MemoryRecord> entry : records.entrySet()) {
        if (!lexical.containsKey(entry.getKey())) {
          missing.add(new BytesRef(entry.getValue().id()));
        }
      }
      if (!missing.isEmpty() && !lexical.isEmpty()) {
        Query scoped =
            new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(ID, missing), BooleanClause.Occur.FILTER)
                .build();
        for (ScoreDoc hit : searcher.search(scoped, missing.size()).scoreDocs) {
          lexical.put(hit.doc, (double) hit.score);
        }
      }
    }
    List<Ranking.Candidate> candidates = new ArrayList<>(records.size());
    for (Map.Entry<Integer, MemoryRecord> entry : records.entrySet()) {
      MemoryRecord record = entry.getValue();
      if (!record.owner().equals(query.owner())) {
        throw new IllegalStateException("long-term memory index returned another owner's memory");
      }
      candidates.add(
          new Ranking.Candidate(
              record,
              cosines.getOrDefault(entry.getKey(), 0.0),
              lexical.getOrDefault(entry.getKey(), 0.0),
              entry.getKey()));
    }
    return candidates;
  }

  private static Map<Integer, Double> cosines(
      IndexSearcher searcher, Set<Integer> docs, float[] query) throws IOException {
    Map<Integer, Double> cosines = new HashMap<>();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    List<Integer> sorted = new ArrayList<>(docs);
    sorted.sort(null);
    int leafIndex = -1;
    FloatVectorValues values = null;
    KnnVectorValues.DocIndexIterator iterator = null;
    LeafReaderContext leaf = null;
    for (int doc : sorted) {
      int index = ReaderUtil.subIndex(doc, leaves);
      if (index != leafIndex) {
        leafIndex = index;
        leaf = leaves.get(index);
        values = leaf.reader().getFloatVectorValues(VECTOR);
        iterator = values == null ? null : values.iterator();
      }
      if (iterator == null) {
        continue;
      }
      int local = doc - leaf.docBase;
      int at = iterator.docID() >= local ? iterator.docID() : iterator.advance(local);
      if (at == local) {
        cosines.put(doc, (double) Vectors.dot(query, values.vectorValue(iterator.index())));
      }
    }
    return cosines;
  }

  private synchronized void writePendingLastUses() throws IOException {
    if (pendingLastUse.isEmpty()) {
      return;
    }
    for (String id : List.copyOf(pendingLastUse.keySet())) {
      Long nanos = pendingLastUse.remove(id);
      if (nanos != null) {
        writer.updateNumericDocValue(new Term(ID, id), LAST_USED, nanos);
      }
    }
    changes.incrementAndGet();
  }

  /** Commits pending last-use updates, so they survive a crash. */
  public void commit() {
    try {
      writePendingLastUses();
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the long-term memory index", e);
    }
  }

  /** Commits and closes the index, releasing its directory. */
  @Override
  public void close() {
    try {
      writePendingLastUses();
      searchers.close();
      writer.close();
      directory.close();
      analyzer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the long-term memory index", e);
    }
  }
}
