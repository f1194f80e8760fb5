package io.agentkeel.api.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing kept in long-term memory: a preference, a piece of history, a fact.
 *
 * @param id unique id
 * @param owner whose memory it is; recall never crosses owners
 * @param text what is remembered
 * @param metadata named values kept with it, for filtering
 * @param importance how much it matters, in [0, 1]
 * @param createdAt when it was learned
 * @param lastUsedAt when it was last recalled (its creation time until then)
 */
public record MemoryRecord(
    String id,
    MemoryOwner owner,
    String text,
    Map<String, String> metadata,
    double importance,
    Instant createdAt,
    Instant lastUsedAt) {

  /**
   * Validates the record and copies the metadata.
   *
   * @throws IllegalArgumentException if the importance is outside [0, 1], or the id or the text is
   *     blank
   */
  public MemoryRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a memory needs a non-blank id");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "memory " + id + " has blank text: there is nothing to recall; give it the fact to keep");
    }
    if (!(importance >= 0.0 && importance <= 1.0)) {
      throw new IllegalArgumentException("importance must be within [0, 1], was " + importance);
    }
    metadata = Map.copyOf(metadata);
  }

  /**
   * A new memory of average importance, last used when created.
   *
   * @param id unique id
   * @param owner whose it is
   * @param text what is remembered
   * @param createdAt when
   * @return the record
   */
  public static MemoryRecord of(String id, MemoryOwner owner, String text, Instant createdAt) {
    return new MemoryRecord(id, owner, text, Map.of(), 0.5, createdAt, createdAt);
  }
}
