package io.agentkeel.observability.internal;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A concurrent map that forgets its oldest keys beyond a capacity (first in, first out), without a
 * lock: thousands of tasks write to it at once. A key written again keeps its first place in line,
 * so it may be forgotten a little early; the bound is what matters here.
 *
 * @param <V> the values
 */
final class BoundedMap<V> {

  private final int capacity;
  private final ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();
  private final Queue<String> order = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  BoundedMap(int capacity, String what) {
    if (capacity < 1) {
      throw new IllegalArgumentException(what + " capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  void put(String key, V value) {
    if (map.put(key, value) == null) {
      order.add(key);
      if (size.incrementAndGet() > capacity) {
        String oldest = order.poll();
        if (oldest != null && map.remove(oldest) != null) {
          size.decrementAndGet();
        }
      }
    }
  }

  Optional<V> get(String key) {
    return Optional.ofNullable(map.get(key));
  }
}
