package io.agentkeel.memory.internal;

import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scoring shared by every long-term store: a calibrated mix of dense and lexical scores turned
 * into a relevance relative to the best candidate, plus a recency that halves every half-life, each
 * weighted as the query says.
 *
 * <p>Relevance: each candidate's fused score is {@code cosine + LEXICAL_WEIGHT * bm25 / bestBm25};
 * its relevance is {@code exp(-(bestFused - fused) / TEMPERATURE)}, so the clearest match has 1 and
 * a candidate clearly behind it falls off fast. Recency can therefore reorder near ties but never
 * lift a clearly weaker memory over a clearly stronger one: with the default weights, recency (at
 * most 0.3) outweighs a relevance gap only when that gap is under 0.43, i.e. when the fused scores
 * differ by less than {@code TEMPERATURE * ln(1 / 0.57)}, about 0.028 (a cosine gap of that size is
 * a near tie for the small sentence models used here).
 */
public final class Ranking {

  /** The weight of the normalised BM25 score next to the cosine similarity. */
  public static final double LEXICAL_WEIGHT = 0.1;

  /** How fast relevance falls behind the best candidate, in fused-score units. */
  public static final double TEMPERATURE = 0.05;

  private Ranking() {}

  /**
   * A candidate memory with its raw scores.
   *
   * @param record the memory
   * @param cosine the cosine similarity of its vector to the query's, in [-1, 1]
   * @param lexical its BM25 score for the query, 0 when it shares no term
   * @param handle the store's handle of the memory, such as a document number
   */
  public record Candidate(MemoryRecord record, double cosine, double lexical, Object handle) {}

  /**
   * A ranked memory with the store's handle.
   *
   * @param memory the recalled memory
   * @param handle the store's handle
   */
  public record Ranked(RecalledMemory memory, Object handle) {}

  /**
   * Ranks candidates for a query.
   *
   * @param candidates the candidates, all of the query's owner and filter
   * @param query the query
   * @param now the current instant
   * @return at most {@code query.limit()} memories, best first
   */
  public static List<Ranked> rank(List<Candidate> candidates, MemoryQuery query, Instant now) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    double bestLexical = 0;
    for (Candidate candidate : candidates) {
      bestLexical = Math.max(bestLexical, candidate.lexical());
    }
    double[] fused = new double[candidates.size()];
    double bestFused = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < fused.length; i++) {
      Candidate candidate = candidates.get(i);
      double lexical = bestLexical > 0 ? candidate.lexical() / bestLexical : 0;
      fused[i] = candidate.cosine() + LEXICAL_WEIGHT * lexical;
      bestFused = Math.max(bestFused, fused[i]);
    }
    List<Ranked> ranked = new ArrayList<>(candidates.size());
    for (int i = 0; i < fused.length; i++) {
      Candidate candidate = candidates.get(i);
      double relevance = Math.exp(-(bestFused - fused[i]) / TEMPERATURE);
      double recency = recency(candidate.record().lastUsedAt(), now, query.halfLife());
      double score = query.relevanceWeight() * relevance + query.recencyWeight() * recency;
      ranked.add(
          new Ranked(
              new RecalledMemory(candidate.record(), score, relevance, recency),
              candidate.handle()));
    }
    ranked.sort(
        Comparator.comparingDouble((Ranked r) -> -r.memory().score())
            .thenComparingDouble(r -> -r.memory().relevance())
            .thenComparing(r -> r.memory().record().lastUsedAt(), Comparator.reverseOrder())
            .thenComparing(r -> r.memory().record().id()));
    return List.copyOf(ranked.subList(0, Math.min(query.limit(), ranked.size())));
  }

  /**
   * The recency of a memory last used at {@code lastUsed}: 1 now, halving every half-life; a memory
   * from the future counts as new.
   *
   * @param lastUsed when it was last used
   * @param now the current instant
   * @param halfLife the half-life
   * @return the recency in (0, 1]
   */
  public static double recency(Instant lastUsed, Instant now, Duration halfLife) {
    // in seconds with their fraction: whole milliseconds divided by zero for a half-life under
    // one, and overflowed for a last use hundreds of millions of years away
    Duration age = Duration.between(lastUsed, now);
    if (age.isNegative() || age.isZero()) {
      return 1.0;
    }
    return Math.pow(0.5, seconds(age) / seconds(halfLife));
  }

  private static double seconds(Duration duration) {
    return duration.getSeconds() + duration.getNano() / 1e9;
  }

  /**
   * The number of candidates to gather from each retriever for a query.
   *
   * @param limit the query's limit
   * @return how many candidates to gather
   */
  public static int candidates(int limit) {
    return Math.max(64, limit * 10);
  }
}
