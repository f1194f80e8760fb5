package io.agentkeel.core;

import io.agentkeel.api.memory.WorkingMemory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Core's working memory, used when no memory module is installed: per-task values in this process's
 * memory, forgotten when the task ends. Thread-safe.
 */
public final class InMemoryWorkingMemory implements WorkingMemory {

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> tasks =
      new ConcurrentHashMap<>();

  /** Creates an empty memory. */
  public InMemoryWorkingMemory() {}

  @Override
  public Optional<String> get(String taskId, String key) {
    Map<String, String> values = tasks.get(taskId);
    return values == null ? Optional.empty() : Optional.ofNullable(values.get(key));
  }

  @Override
  public void put(String taskId, String key, String value) {
    tasks.computeIfAbsent(taskId, id -> new ConcurrentHashMap<>()).put(key, value);
  }

  @Override
  public Map<String, String> snapshot(String taskId) {
    Map<String, String> values = tasks.get(taskId);
    return values == null ? Map.of() : Map.copyOf(values);
  }

  @Override
  public void clear(String taskId) {
    tasks.remove(taskId);
  }
}
