package io.agentkeel.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.VersionConflictException;
import io.agentkeel.api.memory.VersionedValue;
import io.agentkeel.api.memory.WorkingMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WorkingMemory} meets: versions start at 1 and grow by one, a write that
 * expected another version fails with a {@link VersionConflictException} naming the task, the key
 * and both versions, concurrent writers of one version produce exactly one winner, and an owner can
 * be forgotten. A store's test extends this class; each test uses its own task ids and owners.
 */
public abstract class WorkingMemoryContract {

  /** Creates the contract. */
  protected WorkingMemoryContract() {}

  /**
   * The store under test; may be shared between tests.
   *
   * @return the store
   */
  protected abstract WorkingMemory store();

  private static String task() {
    return "task-" + UUID.randomUUID();
  }

  private static MemoryOwner owner() {
    return new MemoryOwner("tenant-" + UUID.randomUUID(), "alice");
  }

  @Test
  void theFirstWriteIsVersionOneAndEachLaterWriteOneMore() {
    WorkingMemory store = store();
    String task = task();
    MemoryOwner owner = owner();
    assertThat(store.get(task, "step")).isEmpty();
    assertThat(store.put(owner, task, "step", "planned", 0)).isEqualTo(1);
    assertThat(store.get(task, "step")).contains(new VersionedValue("planned", 1));
    assertThat(store.put(owner, task, "step", "running", 1)).isEqualTo(2);
    assertThat(store.put(owner, task, "step", "done", 2)).isEqualTo(3);
    assertThat(store.get(task, "step")).contains(new VersionedValue("done", 3));
  }

  @Test
  void aStaleWriteFailsNamingTaskKeyAndBothVersions() {
    WorkingMemory store = store();
    String task = task();
    MemoryOwner owner = owner();
    store.put(owner, task, "plan", "a", 0);
    store.put(owner, task, "plan", "b", 1);
    assertThatThrownBy(() -> store.put(owner, task, "plan", "c", 1))
        .isInstanceOfSatisfying(
            VersionConflictException.class,
            e -> {
              assertThat(e.taskId()).isEqualTo(task);
              assertThat(e.key()).isEqualTo("plan");
              assertThat(e.expected()).isEqualTo(1);
              assertThat(e.actual()).isEqualTo(2);
              assertThat(e.getMessage()).contains(task, "plan", "1", "2");
            });
    assertThat(store.get(task, "plan")).contains(new VersionedValue("b", 2));
  }

  @Test
  void creatingAKeyThatExistsOrUpdatingOneThatDoesNotConflicts() {
    WorkingMemory store = store();
    String task = task();
    MemoryOwner owner = owner();
    assertThatThrownBy(() -> store.put(owner, task, "missing", "x", 3))
        .isInstanceOfSatisfying(
            VersionConflictException.class,
            e -> {
              assertThat(e.expected()).isEqualTo(3);
              assertThat(e.actual()).isZero();
            });
    store.put(owner, task, "k", "v", 0);
    assertThatThrownBy(() -> store.put(owner, task, "k", "w", 0))
        .isInstanceOfSatisfying(
            VersionConflictException.class,
            e -> {
              assertThat(e.expected()).isZero();
              assertThat(e.actual()).isEqualTo(1);
            });
  }

  /**
   * Long ids and keys, as {@link WorkingMemory} promises to keep them, are kept whole: a task id of
   * {@link WorkingMemory#MAX_TASK_ID_LENGTH} characters, and a key, tenant and principal of {@link
   * WorkingMemory#MAX_NAME_LENGTH}, each of characters that take three bytes in UTF-8 and do not
   * compress, the longest a store's index must hold.
   */
  @Test
  void idsAndKeysOfThePromisedLengthsAreKeptWhole() {
    WorkingMemory store = store();
    Random random = new Random(7);
    String task = longest(random, WorkingMemory.MAX_TASK_ID_LENGTH);
    String key = longest(random, WorkingMemory.MAX_NAME_LENGTH);
    MemoryOwner owner =
        new MemoryOwner(
            longest(random, WorkingMemory.MAX_NAME_LENGTH),
            longest(random, WorkingMemory.MAX_NAME_LENGTH));

    assertThat(store.put(owner, task, key, "v", 0)).isEqualTo(1);

    assertThat(store.get(task, key)).contains(new VersionedValue("v", 1));
    assertThat(store.snapshot(task)).isEqualTo(Map.of(key, new VersionedValue("v", 1)));
    assertThat(store.forget(owner)).isEqualTo(1);
    assertThat(store.get(task, key)).isEmpty();
  }

  /** A unique string of random CJK ideographs, three bytes each in UTF-8, of a given length. */
  static String longest(Random random, int length) {
    StringBuilder id = new StringBuilder(UUID.randomUUID().toString());
    while (id.length() < length) {
      id.append((char) (0x4E00 + random.nextInt(0x9FFF - 0x4E00)));
    }
    return id.toString();
  }

  @Test
  void anyVersionWritesWhateverIsStored() {
    WorkingMemory store = store();
    String task = task();
    MemoryOwner owner = owner();
    assertThat(store.put(owner, task, "k", "a", WorkingMemory.ANY_VERSION)).isEqualTo(1);
    assertThat(store.put(owner, task, "k", "b", WorkingMemory.ANY_VERSION)).isEqualTo(2);
    assertThat(store.get(task, "k")).contains(new VersionedValue("b", 2));
  }

  @Test
  void aSnapshotHoldsOneTaskAndClearForgetsOneTask() {
    WorkingMemory store = store();
    String task = task();
    String other = task();
    MemoryOwner owner = owner();
    store.put(owner, task, "a", "1", 0);
    store.put(owner, task, "b", "2", 0);
    store.put(owner, other, "a", "other", 0);
    assertThat(store.snapshot(task))
        .isEqualTo(Map.of("a", new VersionedValue("1", 1), "b", new VersionedValue("2", 1)));
    assertThat(store.snapshot(task())).isEmpty();
    store.clear(task);
    assertThat(store.snapshot(task)).isEmpty();
    assertThat(store.get(other, "a")).contains(new VersionedValue("other", 1));
  }

  @Test
  void forgettingAnOwnerRemovesItsTasksOnly() {
    WorkingMemory store = store();
    MemoryOwner alice = owner();
    MemoryOwner bob = new MemoryOwner(alice.tenant(), "bob");
    MemoryOwner aliceElsewhere = new MemoryOwner(alice.tenant() + "-other", alice.principal());
    String aliceTask = task();
    String bobTask = task();
    String elsewhereTask = task();
    store.put(alice, aliceTask, "a", "1", 0);
    store.put(alice, aliceTask, "b", "2", 0);
    store.put(bob, bobTask, "a", "3", 0);
    store.put(aliceElsewhere, elsewhereTask, "a", "4", 0);
    assertThat(store.forget(alice)).isEqualTo(2);
    assertThat(store.snapshot(aliceTask)).isEmpty();
    assertThat(store.get(bobTask, "a")).contains(new VersionedValue("3", 1));
    assertThat(store.get(elsewhereTask, "a"))
        .as("a task of a principal of the same name in another tenant")
        .contains(new VersionedValue("4", 1));
    assertThat(store.forget(alice)).isZero();
  }

  @Test
  void ofConcurrentWritersOfOneVersionExactlyOneWins() throws Exception {
    WorkingMemory store = store();
    String task = task();
    MemoryOwner owner = owner();
    store.put(owner, task, "k", "start", 0);
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String value = "writer-" + i;
        results.add(
            pool.submit(() -> {
              start.await();
              try {
                store.put(owner, task, "k", value, 1);
                return true;
              } catch (VersionConflictException e) {
                return false;
              }
            }));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> result : results) {
        wins += result.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.get(task, "k").orElseThrow().version()).isEqualTo(2);
  }
}
