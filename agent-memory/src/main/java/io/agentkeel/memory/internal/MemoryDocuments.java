package io.agentkeel.memory.internal;

import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * How a long-term memory is laid out in the Lucene index: its fields, the document written for it,
 * how it is read back, and the BM25 query of a text.
 */
public final class MemoryDocuments {
  /** A field name. */
  public static final String ID = "id";

  /** A field name. */
  public static final String OWNER = "owner";

  /** A field name. */
  public static final String TENANT = "tenant";

  /** A field name. */
  public static final String PRINCIPAL = "principal";

  /** A field name. */
  public static final String TEXT = "text";

  /** A field name. */
  public static final String VECTOR = "vector";

  /** A field name. */
  public static final String META = "meta";

  /** A field name. */
  public static final String META_STORED = "metadata";

  /** A field name. */
  public static final String IMPORTANCE = "importance";

  /** A field name. */
  public static final String CREATED = "created";

  /** A field name. */
  public static final String LAST_USED = "last_used";

  private static final int MAX_QUERY_TERMS = 64;

  private MemoryDocuments() {}

  /**
   * The document of one memory: its id, owner key, text (for BM25), vector (for HNSW), metadata,
   * importance, creation time and last use.
   *
   * @param record the memory
   * @param vector its embedding
   * @return the document
   */
  public static Document document(MemoryRecord record, float[] vector) {
    Document document = new Document();
    document.add(new StringField(ID, record.id(), Field.Store.YES));
    document.add(new StringField(OWNER, SessionKey.ownerKey(record.owner()), Field.Store.NO));
    document.add(new StoredField(TENANT, record.owner().tenant()));
    document.add(new StoredField(PRINCIPAL, record.owner().principal()));
    document.add(new TextField(TEXT, record.text(), Field.Store.YES));
    document.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    record
        .metadata()
        .forEach((key, value) -> {
          document.add(new StringField(META, key + '\u0000' + value, Field.Store.NO));
          document.add(new StoredField(META_STORED, key));
          document.add(new StoredField(META_STORED, value));
        });
    document.add(new StoredField(IMPORTANCE, record.importance()));
    document.add(new StoredField(CREATED, record.createdAt().toString()));
    document.add(new NumericDocValuesField(LAST_USED, nanos(record.lastUsedAt())));
    return document;
  }

  /**
   * An instant as nanoseconds since the epoch, as the last-use doc values hold it; an instant
   * before 1677 or after 2262 (a clock stepped there), which a long cannot hold in nanoseconds, is
   * held as the nearest one it can.
   *
   * @param instant the instant
   * @return the nanoseconds
   */
  public static long nanos(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException outOfRange) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * Nanoseconds since the epoch as an instant.
   *
   * @param nanos the nanoseconds
   * @return the instant
   */
  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /**
   * Reads one memory back from its document.
   *
   * @param searcher the searcher that found it
   * @param doc its document number in that searcher
   * @param pendingLastUse last uses, by memory id, not yet written to the index
   * @return the memory, with its newest last use
   * @throws IOException if the index cannot be read
   */
  public static MemoryRecord load(IndexSearcher searcher, int doc, Map<String, Long> pendingLastUse)
      throws IOException {
    Document stored = searcher.storedFields().document(doc);
    Map<String, String> metadata = new LinkedHashMap<>();
    IndexableField[] meta = stored.getFields(META_STORED);
    for (int i = 0; i + 1 < meta.length; i += 2) {
      metadata.put(meta[i].stringValue(), meta[i + 1].stringValue());
    }
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    NumericDocValues lastUsed = DocValues.getNumeric(leaf.reader(), LAST_USED);
    Instant created = Instant.parse(stored.get(CREATED));
    Long pending = pendingLastUse.get(stored.get(ID));
    Instant used =
        pending != null
            ? instant(pending)
            : lastUsed.advanceExact(doc - leaf.docBase) ? instant(lastUsed.longValue()) : created;
    return new MemoryRecord(
        stored.get(ID),
        new MemoryOwner(stored.get(TENANT), stored.get(PRINCIPAL)),
        stored.get(TEXT),
        metadata,
        stored.getField(IMPORTANCE).numericValue().doubleValue(),
        created,
        used);
  }

  /**
   * The BM25 query of a text: its analysed terms (at most 64), any of which may match.
   *
   * @param analyzer the index's analyzer
   * @param text the query text
   * @return the query, or null when the text has no terms
   * @throws IOException if the analyzer fails
   */
  public static Query lexicalQuery(Analyzer analyzer, String text) throws IOException {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
        terms.add(term.toString());
      }
      tokens.end();
    }
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    for (String term : terms) {
      builder.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD);
    }
    return builder.build();
  }
}
