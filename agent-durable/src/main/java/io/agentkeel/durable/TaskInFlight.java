package io.agentkeel.durable;

import io.agentkeel.api.JournalEntry;
import java.time.Instant;
import java.util.Objects;

/**
 * A task in flight as a shared journal sees it: its last record is not {@link
 * JournalEntry.Kind#ENDED}, so it is running, waiting for a person, or was left by a process that
 * died. An operator reads it to see which instance last moved the task, and how long ago.
 *
 * @param taskId the task; never null
 * @param lastKind the kind of its last record; never {@link JournalEntry.Kind#ENDED}
 * @param records how many records the journal holds for it
 * @param lastWrite when its last record was stored: the commit time of that record's batch, by the
 *     writing instance's clock; never null
 * @param instance the instance that stored its last record (see {@link JdbcTaskJournal#open(String,
 *     String, String, String, String)}); empty for a record stored before instances were named
 */
public record TaskInFlight(
    String taskId, JournalEntry.Kind lastKind, int records, Instant lastWrite, String instance) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public TaskInFlight {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(lastKind, "lastKind");
    Objects.requireNonNull(lastWrite, "lastWrite");
    Objects.requireNonNull(instance, "instance");
  }
}
