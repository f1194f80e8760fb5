package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class BoundedMapTest {

  @Test
  void forgetsTheOldestBeyondItsCapacity() {
    BoundedMap<Integer> map = new BoundedMap<>(3, "test");
    for (int i = 0; i < 5; i++) {
      map.put("k" + i, i);
    }
    assertThat(map.get("k0")).isEmpty();
    assertThat(map.get("k1")).isEmpty();
    assertThat(map.get("k4")).contains(4);
    map.put("k4", 40);
    assertThat(map.get("k4")).contains(40);
    assertThat(map.get("k2")).contains(2);
  }

  @Test
  void staysBoundedUnderConcurrentWriters() throws Exception {
    BoundedMap<Integer> map = new BoundedMap<>(100, "test");
    CountDownLatch done = new CountDownLatch(10_000);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 10_000; i++) {
        int n = i;
        executor.submit(() -> {
          map.put("k" + n, n);
          done.countDown();
        });
      }
    }
    done.await();
    int present = 0;
    for (int i = 0; i < 10_000; i++) {
      present += map.get("k" + i).isPresent() ? 1 : 0;
    }
    assertThat(present).isBetween(1, 100);
  }

  @Test
  void rejectsANonPositiveCapacity() {
    assertThatThrownBy(() -> new TaskIndex(0)).hasMessageContaining("task index capacity");
  }
}
