package io.agentkeel.durable;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The systems the tools of a crash test change, outliving every simulated process: how often each
 * call (named by its unique {@code ref}) took effect, and the idempotency keys a keyed system saw.
 */
final class World {
  final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
  final Set<String> keys = ConcurrentHashMap.newKeySet();
  final List<String> keysByRef = new CopyOnWriteArrayList<>();

  int effects(String ref) {
    AtomicInteger count = effects.get(ref);
    return count == null ? 0 : count.get();
  }

  void took(String ref) {
    effects.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
  }

  void invoked(String ref) {
    invocations.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
  }
}
