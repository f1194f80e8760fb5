package io.agentkeel.api.memory;

/**
 * A working-memory write that expected another version than the stored one: another worker wrote
 * first. Read again, then decide.
 */
public final class VersionConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String taskId;
  private final String key;
  private final long expected;
  private final long actual;

  /**
   * Creates the exception.
   *
   * @param taskId the task
   * @param key the value's name
   * @param expected the version the writer expected ({@code 0}: that the key was unset)
   * @param actual the version stored ({@code 0}: unset)
   */
  public VersionConflictException(String taskId, String key, long expected, long actual) {
    super(
        "working memory of task '"
            + taskId
            + "', key '"
            + key
            + "': expected version "
            + expected
            + " but found "
            + actual
            + "; another worker wrote first, read the value again before writing");
    this.taskId = taskId;
    this.key = key;
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * The task.
   *
   * @return the task id
   */
  public String taskId() {
    return taskId;
  }

  /**
   * The value's name.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The version the writer expected.
   *
   * @return the expected version, 0 for unset
   */
  public long expected() {
    return expected;
  }

  /**
   * The version stored.
   *
   * @return the stored version, 0 for unset
   */
  public long actual() {
    return actual;
  }
}
