package io.agentkeel.api.memory;

import java.util.Objects;

/**
 * A memory returned by recall, with the scores that ranked it.
 *
 * @param record the memory
 * @param score the combined score; higher ranks first
 * @param relevance the relevance part, in [0, 1]
 * @param recency the recency part, in [0, 1]
 */
public record RecalledMemory(MemoryRecord record, double score, double relevance, double recency) {

  /** Checks for null. */
  public RecalledMemory {
    Objects.requireNonNull(record, "record");
  }
}
