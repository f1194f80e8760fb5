package io.agentkeel.api.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One fact kept in long-term memory.
 *
 * @param id unique id
 * @param owner whose memory it is (a principal or tenant id); recall never crosses owners
 * @param text the fact
 * @param createdAt when it was learned, for recency
 * @param metadata named values kept with it
 */
public record MemoryRecord(
    String id, String owner, String text, Instant createdAt, Map<String, String> metadata) {

  /** Checks for nulls and copies the metadata. */
  public MemoryRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    metadata = Map.copyOf(metadata);
  }
}
