package io.agentkeel.api.memory;

import java.util.Map;
import java.util.Optional;

/**
 * The state of one task while it runs or waits: named values that survive a suspension for review.
 */
public interface WorkingMemory {

  /**
   * Reads one value.
   *
   * @param taskId the task
   * @param key the value's name
   * @return the value, if set
   */
  Optional<String> get(String taskId, String key);

  /**
   * Sets one value.
   *
   * @param taskId the task
   * @param key the value's name
   * @param value the value
   */
  void put(String taskId, String key, String value);

  /**
   * All values of a task.
   *
   * @param taskId the task
   * @return a snapshot; empty for an unknown task
   */
  Map<String, String> snapshot(String taskId);

  /**
   * Forgets a task's state.
   *
   * @param taskId the task
   */
  void clear(String taskId);
}
