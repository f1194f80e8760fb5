package io.agentkeel.core;

import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.VersionConflictException;
import io.agentkeel.api.memory.VersionedValue;
import io.agentkeel.api.memory.WorkingMemory;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Core's working memory, used when no memory module is installed: per-task versioned values in this
 * process's memory, forgotten when the task ends. Writes are compare-and-set on the version.
 * Thread-safe.
 */
public final class InMemoryWorkingMemory implements WorkingMemory {

  /** One task's values and the owner they belong to. */
  private record TaskState(MemoryOwner owner, ConcurrentHashMap<String, VersionedValue> values) {}

  private final ConcurrentHashMap<String, TaskState> tasks = new ConcurrentHashMap<>();

  /** Creates an empty memory. */
  public InMemoryWorkingMemory() {}

  @Override
  public Optional<VersionedValue> get(String taskId, String key) {
    TaskState state = tasks.get(taskId);
    return state == null ? Optional.empty() : Optional.ofNullable(state.values().get(key));
  }

  @Override
  public long put(
      MemoryOwner owner, String taskId, String key, String value, long expectedVersion) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (expectedVersion < ANY_VERSION) {
      throw new IllegalArgumentException(
          "expectedVersion must be a version read before, 0 or ANY_VERSION, got "
              + expectedVersion);
    }
    TaskState state =
        tasks.computeIfAbsent(taskId, id -> new TaskState(owner, new ConcurrentHashMap<>()));
    long[] written = {0};
    state
        .values()
        .compute(
            key,
            (k, current) -> {
              long actual = current == null ? 0 : current.version();
              if (expectedVersion != ANY_VERSION && expectedVersion != actual) {
                throw new VersionConflictException(taskId, key, expectedVersion, actual);
              }
              written[0] = actual + 1;
              return new VersionedValue(value, actual + 1);
            });
    return written[0];
  }

  @Override
  public Map<String, VersionedValue> snapshot(String taskId) {
    TaskState state = tasks.get(taskId);
    return state == null ? Map.of() : Map.copyOf(state.values());
  }

  @Override
  public void clear(String taskId) {
    tasks.remove(taskId);
  }

  @Override
  public int forget(MemoryOwner owner) {
    int removed = 0;
    for (Map.Entry<String, TaskState> entry : tasks.entrySet()) {
      if (entry.getValue().owner().equals(owner)
          && tasks.remove(entry.getKey(), entry.getValue())) {
        removed += entry.getValue().values().size();
      }
    }
    return removed;
  }
}
