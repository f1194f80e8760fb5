package io.agentkeel.api.memory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request for the memories of one owner most relevant to a text. The score of a memory is {@code
 * relevanceWeight * relevance + recencyWeight * recency}, where recency halves every {@code
 * halfLife} since the memory was last used; recency is a bounded boost, so a clearly most relevant
 * old memory still ranks high.
 *
 * @param owner whose memories to search; never crosses owners
 * @param text what the memories should be relevant to
 * @param limit the most memories to return
 * @param relevanceWeight weight of relevance, default 0.7
 * @param recencyWeight weight of recency, default 0.3
 * @param halfLife how long until recency halves, default 30 days
 * @param metadataFilter metadata every returned memory must carry, exactly; empty for none
 */
public record MemoryQuery(
    MemoryOwner owner,
    String text,
    int limit,
    double relevanceWeight,
    double recencyWeight,
    Duration halfLife,
    Map<String, String> metadataFilter) {

  /** The default weight of relevance. */
  public static final double DEFAULT_RELEVANCE_WEIGHT = 0.7;

  /** The default weight of recency. */
  public static final double DEFAULT_RECENCY_WEIGHT = 0.3;

  /** The default half-life of recency. */
  public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(30);

  /**
   * Validates the query.
   *
   * @throws IllegalArgumentException if the limit is not positive, a weight is outside [0, 1] or
   *     the half-life is not positive
   */
  public MemoryQuery {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(halfLife, "halfLife");
    if (limit < 1) {
      throw new IllegalArgumentException("a memory query needs a positive limit, got " + limit);
    }
    if (!(relevanceWeight >= 0
        && relevanceWeight <= 1
        && recencyWeight >= 0
        && recencyWeight <= 1)) {
      throw new IllegalArgumentException(
          "memory query weights must be within [0, 1], got relevance="
              + relevanceWeight
              + " recency="
              + recencyWeight);
    }
    if (!halfLife.isPositive()) {
      throw new IllegalArgumentException("a recency half-life must be positive, got " + halfLife);
    }
    metadataFilter = Map.copyOf(metadataFilter);
  }

  /**
   * A query with the default weights, half-life and no filter.
   *
   * @param owner whose memories
   * @param text the text
   * @param limit the most memories
   * @return the query
   */
  public static MemoryQuery of(MemoryOwner owner, String text, int limit) {
    return builder(owner, text).limit(limit).build();
  }

  /**
   * A builder with the defaults: limit 5, weights 0.7 and 0.3, half-life 30 days, no filter.
   *
   * @param owner whose memories
   * @param text the text
   * @return the builder
   */
  public static Builder builder(MemoryOwner owner, String text) {
    return new Builder(owner, text);
  }

  /** Builds a {@link MemoryQuery}. */
  public static final class Builder {
    private final MemoryOwner owner;
    private final String text;
    private int limit = 5;
    private double relevanceWeight = DEFAULT_RELEVANCE_WEIGHT;
    private double recencyWeight = DEFAULT_RECENCY_WEIGHT;
    private Duration halfLife = DEFAULT_HALF_LIFE;
    private final Map<String, String> metadataFilter = new LinkedHashMap<>();

    private Builder(MemoryOwner owner, String text) {
      this.owner = owner;
      this.text = text;
    }

    /**
     * Sets the most memories to return.
     *
     * @param limit positive
     * @return this builder
     */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Sets the weights.
     *
     * @param relevance the weight of relevance
     * @param recency the weight of recency
     * @return this builder
     */
    public Builder weights(double relevance, double recency) {
      this.relevanceWeight = relevance;
      this.recencyWeight = recency;
      return this;
    }

    /**
     * Sets the half-life of recency.
     *
     * @param halfLife positive
     * @return this builder
     */
    public Builder halfLife(Duration halfLife) {
      this.halfLife = halfLife;
      return this;
    }

    /**
     * Requires a metadata value.
     *
     * @param key the metadata key
     * @param value the value it must have
     * @return this builder
     */
    public Builder where(String key, String value) {
      metadataFilter.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     * @throws IllegalArgumentException if a value is out of range
     */
    public MemoryQuery build() {
      return new MemoryQuery(
          owner, text, limit, relevanceWeight, recencyWeight, halfLife, metadataFilter);
    }
  }
}
