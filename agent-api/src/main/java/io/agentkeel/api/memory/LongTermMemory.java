package io.agentkeel.api.memory;

import java.util.List;

/** Facts kept across tasks and sessions, recalled by relevance and recency. */
public interface LongTermMemory {

  /**
   * Keeps a fact.
   *
   * @param record the fact
   */
  void remember(MemoryRecord record);

  /**
   * The memories most relevant to a query, best first.
   *
   * @param query the query
   * @return at most {@code query.limit()} memories of the query's owner
   */
  List<RecalledMemory> recall(MemoryQuery query);
}
