package io.agentkeel.api.memory;

import java.util.Objects;

/**
 * A memory returned by recall, with the score that ranked it.
 *
 * @param record the memory
 * @param score relevance weighted by recency; higher ranks first
 */
public record RecalledMemory(MemoryRecord record, double score) {

  /** Checks for null. */
  public RecalledMemory {
    Objects.requireNonNull(record, "record");
  }
}
