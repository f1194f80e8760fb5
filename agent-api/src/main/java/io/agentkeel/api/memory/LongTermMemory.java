package io.agentkeel.api.memory;

import java.util.List;

/**
 * What is kept across tasks and sessions (preferences, history, knowledge), recalled by relevance
 * with a bounded recency boost. Implementations must be thread-safe; recall never returns another
 * owner's memory.
 */
public interface LongTermMemory {

  /**
   * Keeps a memory, replacing one with the same id.
   *
   * @param record the memory
   */
  void remember(MemoryRecord record);

  /**
   * Forgets one memory.
   *
   * @param id the memory's id
   * @return whether it existed
   */
  boolean forget(String id);

  /**
   * Forgets every memory of an owner (the right to be forgotten).
   *
   * @param owner the owner
   * @return how many memories were forgotten
   */
  int forget(MemoryOwner owner);

  /**
   * The memories most relevant to a query, best first; recalling a memory updates its last use.
   *
   * @param query the query
   * @return at most {@code query.limit()} memories of the query's owner that match its filter
   */
  List<RecalledMemory> recall(MemoryQuery query);
}
