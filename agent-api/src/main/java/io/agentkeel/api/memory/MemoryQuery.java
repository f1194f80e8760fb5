package io.agentkeel.api.memory;

import java.util.Objects;

/**
 * A request for the memories most relevant to a text.
 *
 * @param owner whose memories to search
 * @param text what the memories should be relevant to
 * @param limit the most memories to return
 */
public record MemoryQuery(String owner, String text, int limit) {

  /**
   * Validates the query.
   *
   * @throws IllegalArgumentException if the limit is not positive
   */
  public MemoryQuery {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(text, "text");
    if (limit < 1) {
      throw new IllegalArgumentException("a memory query needs a positive limit, got " + limit);
    }
  }
}
