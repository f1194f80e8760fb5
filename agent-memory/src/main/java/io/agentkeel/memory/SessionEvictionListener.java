package io.agentkeel.memory;

/**
 * Told of every session the session tier drops on its own (expiry or size), for metrics or logs.
 * Called synchronously on the thread that caused the eviction; must be quick and must not throw.
 */
@FunctionalInterface
public interface SessionEvictionListener {

  /**
   * Receives one eviction.
   *
   * @param eviction the dropped session
   */
  void evicted(SessionEviction eviction);

  /**
   * A listener that ignores evictions.
   *
   * @return the listener
   */
  static SessionEvictionListener none() {
    return eviction -> {};
  }
}
