package io.agentkeel.observability.internal;

import io.agentkeel.observability.TraceLinkStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link TraceLinkStore} in memory, bounded, least recently used forgotten first. */
public final class BoundedLinkStore implements TraceLinkStore {

  private final int capacity;
  private final Map<String, String> links;

  /**
   * Creates a store.
   *
   * @param capacity how many tasks to remember, at least 1
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public BoundedLinkStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "trace link store capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.links = new LinkedHashMap<>(64, 0.75f, true);
  }

  @Override
  public synchronized void put(String taskId, String traceparent) {
    links.put(taskId, traceparent);
    if (links.size() > capacity) {
      var eldest = links.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  @Override
  public synchronized Optional<String> get(String taskId) {
    return Optional.ofNullable(links.get(taskId));
  }
}
