package io.agentkeel.api;

import java.util.List;

/**
 * The write-ahead journal of running tasks, which lets a task outlive its process: before the loop
 * moves on it records each model reply, each tool call's intent before the call and its result
 * after it, and the outcome. {@link Agent#recover()} continues, from its journal, every task that
 * has one but no outcome.
 *
 * <p>Appends come in two strengths. {@link #append} may return before the record is stored: a store
 * should gather such records and commit them together (group commit), since a record lost in a
 * crash costs only a repeated model call or read. {@link #appendForced} returns only once the
 * record, and every record of its task appended before it, is stored (records of other tasks may
 * still wait: no task's recovery depends on another's); core forces the intent of a write or
 * destructive call, before the call runs, and the outcome. Records of one task are stored in the
 * order they were appended. A store refuses a record whose task and sequence it already holds,
 * which keeps two runs of one task from both going on.
 *
 * <p>Implementations must be thread-safe. Core binds {@link #none()} unless a journal is bound.
 */
public interface TaskJournal extends Lifecycle {

  /**
   * Appends a record; it may be stored after this returns.
   *
   * @param entry the record
   * @throws RuntimeException if the journal cannot take it (closed, for example); a failure to
   *     store it later is logged by the journal
   */
  void append(JournalEntry entry);

  /**
   * Appends a record and returns once it, and every record of its task appended before it, is
   * stored.
   *
   * @param entry the record
   * @throws IllegalStateException if the journal already holds a record with this task and
   *     sequence: another run has the task
   * @throws RuntimeException if the record could not be stored
   */
  void appendForced(JournalEntry entry);

  /**
   * The records of one task, in sequence order, including those appended but not yet stored.
   *
   * @param taskId the task
   * @return its records; empty if it has none
   */
  List<JournalEntry> read(String taskId);

  /**
   * The tasks whose last record is not {@link JournalEntry.Kind#ENDED}: those still running,
   * waiting for a person ({@link JournalEntry.Kind#SUSPENDED}), or whose process died.
   *
   * @return their ids, oldest first as far as the store knows
   */
  List<String> unfinished();

  /**
   * Whether this journal records anything; only {@link #none()} does not.
   *
   * @return whether records are kept
   */
  default boolean records() {
    return true;
  }

  /**
   * A journal that keeps nothing: tasks do not outlive their process.
   *
   * @return the journal
   */
  static TaskJournal none() {
    return NoJournal.INSTANCE;
  }
}

/** The journal that keeps nothing. */
enum NoJournal implements TaskJournal {
  INSTANCE;

  @Override
  public void append(JournalEntry entry) {}

  @Override
  public void appendForced(JournalEntry entry) {}

  @Override
  public List<JournalEntry> read(String taskId) {
    return List.of();
  }

  @Override
  public List<String> unfinished() {
    return List.of();
  }

  @Override
  public boolean records() {
    return false;
  }
}
