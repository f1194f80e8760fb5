package io.agentkeel.api;

import java.util.Objects;

/**
 * One record of a {@link TaskJournal}: what a run of one task did at one step, in the order the run
 * did it. The payload is core's own format (JSON), opaque to a store; a store keeps the fields as
 * they are and gives them back in {@link #sequence()} order.
 *
 * @param taskId the task the record belongs to; not blank
 * @param sequence the record's place in the task's journal, from {@code 0}, without gaps; a store
 *     refuses a second record with the same task and sequence, which fences two runs of one task
 * @param kind what the record says
 * @param key what the record is about within the task: a tool call's key for {@link
 *     Kind#TOOL_INTENT} and {@link Kind#TOOL_RESULT}, a review request's id for {@link
 *     Kind#SUSPENDED} and {@link Kind#RESUMED}, otherwise empty
 * @param payload the record's content; may be empty
 */
public record JournalEntry(String taskId, long sequence, Kind kind, String key, String payload) {

  /** What a journal record says. */
  public enum Kind {
    /** The task was accepted: the task and the conversation the model first sees. */
    STARTED,
    /** A model replied; the payload is the reply. */
    MODEL_REPLY,
    /** A tool call is about to run; the payload names the tool, its side effect and arguments. */
    TOOL_INTENT,
    /**
     * A tool call's result, as the model reads it: a value, or why the call failed or did not run.
     */
    TOOL_RESULT,
    /** The final answer failed validation; the payload is the feedback the model reads. */
    FEEDBACK,
    /** The run stopped to wait for a person; the key is the review request. */
    SUSPENDED,
    /** A person decided; the run goes on. The key is the review request. */
    RESUMED,
    /** Another run took the task over from its journal. */
    RECOVERED,
    /** The task reached its outcome; the payload describes it. Nothing follows. */
    ENDED
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if the task id is blank or the sequence negative
   */
  public JournalEntry {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    if (taskId.isBlank()) {
      throw new IllegalArgumentException("a journal entry needs a task id");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException(
          "journal entry " + sequence + " of task '" + taskId + "': a sequence starts at 0");
    }
  }
}
