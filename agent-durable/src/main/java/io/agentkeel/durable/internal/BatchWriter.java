package io.agentkeel.durable.internal;

import io.agentkeel.api.JournalEntry;
import java.util.List;

/**
 * What stores the {@link GroupCommitter}'s batches: a batch in one transaction, or each record on
 * its own when the batch fails.
 */
public interface BatchWriter {
  /**
   * Writes the records in one transaction.
   *
   * @param entries the records; those of one task in order, the tasks one after another
   * @param forced whether a caller waits for this batch (the commit must then be durable)
   * @throws Exception if the transaction failed; nothing of it is stored
   */
  void writeAll(List<JournalEntry> entries, boolean forced) throws Exception;

  /**
   * Writes one record in its own transaction.
   *
   * @param entry the record
   * @throws Exception if it could not be stored
   */
  void writeOne(JournalEntry entry) throws Exception;

  /**
   * Tells whether a failure means the record's task and sequence were already stored.
   *
   * @param failure what {@link #writeOne} threw
   * @return whether it is a duplicate
   */
  boolean isDuplicate(Exception failure);
}
