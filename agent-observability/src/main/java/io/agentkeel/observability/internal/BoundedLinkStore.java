package io.agentkeel.observability.internal;

import io.agentkeel.observability.TraceLinkStore;
import java.util.Optional;

/** A {@link TraceLinkStore} in memory, bounded, oldest task forgotten first; lock-free. */
public final class BoundedLinkStore implements TraceLinkStore {

  private final BoundedMap<String> links;

  /**
   * Creates a store.
   *
   * @param capacity how many tasks to remember, at least 1
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public BoundedLinkStore(int capacity) {
    this.links = new BoundedMap<>(capacity, "trace link store");
  }

  @Override
  public void put(String taskId, String traceparent) {
    links.put(taskId, traceparent);
  }

  @Override
  public Optional<String> get(String taskId) {
    return links.get(taskId);
  }
}
