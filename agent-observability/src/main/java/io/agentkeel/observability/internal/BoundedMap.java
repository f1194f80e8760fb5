package io.agentkeel.observability.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A concurrent map that forgets its oldest keys beyond a capacity (first in, first out), without a
 * lock: thousands of tasks write to it at once. The order is a ring of the keys, one slot per key
 * of the capacity: a new key takes the next slot and evicts the key that held it, so a put
 * allocates nothing beyond the map's own entry. A key written again keeps its first place in line,
 * so it may be forgotten a little early; the bound is what matters here.
 *
 * @param <V> the values
 */
final class BoundedMap<V> {

  private final int capacity;
  private final ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<String> ring;
  private final AtomicLong next = new AtomicLong();

  BoundedMap(int capacity, String what) {
    if (capacity < 1) {
      throw new IllegalArgumentException(what + " capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  void put(String key, V value) {
    if (map.put(key, value) == null) {
      evictFor(key);
    }
  }

  /**
   * Adds a value unless the key has one.
   *
   * @return the value the key had, or null if this one was added
   */
  V putIfAbsent(String key, V value) {
    V prior = map.putIfAbsent(key, value);
    if (prior == null) {
      evictFor(key);
    }
    return prior;
  }

  private void evictFor(String key) {
    String oldest = ring.getAndSet((int) (next.getAndIncrement() % capacity), key);
    if (oldest != null) {
      map.remove(oldest);
    }
  }

  /**
   * The key's value.
   *
   * @return it, or null if the key has none
   */
  V valueOf(String key) {
    return map.get(key);
  }

  Optional<V> get(String key) {
    return Optional.ofNullable(map.get(key));
  }
}
