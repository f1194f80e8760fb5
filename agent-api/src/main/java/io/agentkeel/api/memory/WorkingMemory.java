package io.agentkeel.api.memory;

import java.util.Map;
import java.util.Optional;

/**
 * The state of one task while it runs or waits: named values, written with optimistic concurrency
 * so that two workers never silently overwrite each other. Implementations must be thread-safe, and
 * a shared one safe across processes.
 *
 * <p>Every implementation keeps task ids of up to {@link #MAX_TASK_ID_LENGTH} characters, and keys,
 * tenants and principals of up to {@link #MAX_NAME_LENGTH}, whatever their characters, so that what
 * works on one store works on every other; a store may keep longer ones.
 */
public interface WorkingMemory {

  /**
   * The longest task id every store keeps, in UTF-16 characters: the task journal's limit, so that
   * a task the journal records can keep its state.
   */
  int MAX_TASK_ID_LENGTH = 512;

  /** The longest key, tenant or principal id every store keeps, in UTF-16 characters. */
  int MAX_NAME_LENGTH = 256;

  /** The expected version that writes whatever is stored. */
  long ANY_VERSION = -1;

  /**
   * Reads one value.
   *
   * @param taskId the task
   * @param key the value's name
   * @return the value with its version, if set
   */
  Optional<VersionedValue> get(String taskId, String key);

  /**
   * Writes one value if the stored version is the expected one.
   *
   * @param owner whose task it is, so that {@link #forget} finds it
   * @param taskId the task
   * @param key the value's name
   * @param value the value
   * @param expectedVersion the version read before ({@code 0}: the key must be unset; {@link
   *     #ANY_VERSION}: no check)
   * @return the new version
   * @throws VersionConflictException if the stored version is not the expected one
   */
  long put(MemoryOwner owner, String taskId, String key, String value, long expectedVersion);

  /**
   * All values of a task.
   *
   * @param taskId the task
   * @return a snapshot, by key; empty for an unknown task
   */
  Map<String, VersionedValue> snapshot(String taskId);

  /**
   * Forgets a task's state.
   *
   * @param taskId the task
   */
  void clear(String taskId);

  /**
   * Forgets the state of every task of an owner (the right to be forgotten).
   *
   * @param owner the owner
   * @return how many values were removed
   */
  int forget(MemoryOwner owner);
}
