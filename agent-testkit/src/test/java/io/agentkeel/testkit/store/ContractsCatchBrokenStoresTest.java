package io.agentkeel.testkit.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.api.Workflow;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.VersionConflictException;
import io.agentkeel.api.memory.VersionedValue;
import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.core.InMemoryTaskJournal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each store contract fails for a store that breaks it: a contract that passes a broken store would
 * let a user's broken store ship. The broken stores here are each one mistake away from the
 * in-memory defaults.
 */
class ContractsCatchBrokenStoresTest {

  /** Widens a broken store's race so that the contract meets it on every run. */
  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reports(Executable contractTest) {
    assertThatThrownBy(contractTest::execute).isInstanceOf(AssertionError.class);
  }

  // ---- ReviewQueue ----

  private static ReviewQueueContract queueContract(java.util.function.Supplier<ReviewQueue> queue) {
    return new ReviewQueueContract() {
      @Override
      protected ReviewQueue newQueue() {
        return queue.get();
      }
    };
  }

  /** Claims by looking, then removing: two claimers can both see the request. */
  static final class LookThenRemoveQueue extends Delegating {
    @Override
    public Optional<ReviewRequest> claim(String id) {
      Optional<ReviewRequest> seen = find(id);
      pause();
      seen.ifPresent(r -> requests.remove(id));
      return seen;
    }
  }

  /** Stores only what the agent needs to list a request, and loses the rest. */
  static final class ForgetfulQueue extends Delegating {
    @Override
    public void submit(ReviewRequest r) {
      Task t = r.task();
      super.submit(
          new ReviewRequest(
              r.id(),
              new Task(
                  t.id(),
                  t.input(),
                  t.principal(),
                  Workflow.DEFAULT_NAME,
                  Optional.empty(),
                  Map.of()),
              r.kind(),
              r.priority(),
              r.reason(),
              r.proposedAnswer(),
              Optional.empty(),
              Optional.empty(),
              r.state(),
              r.createdAt()));
    }
  }

  /** A queue kept in a map, right unless a subclass breaks it. */
  static class Delegating implements ReviewQueue {
    final Map<String, ReviewRequest> requests = new ConcurrentHashMap<>();

    @Override
    public void submit(ReviewRequest request) {
      requests.put(request.id(), request);
    }

    @Override
    public Optional<ReviewRequest> find(String id) {
      return Optional.ofNullable(requests.get(id));
    }

    @Override
    public Optional<ReviewRequest> claim(String id) {
      return Optional.ofNullable(requests.remove(id));
    }

    @Override
    public List<ReviewRequest> pending() {
      InMemoryReviewQueue sorted = new InMemoryReviewQueue();
      requests.values().forEach(sorted::submit);
      return sorted.pending();
    }
  }

  @Test
  void aClaimThatIsNotExactlyOnceIsReported() {
    reports(() ->
        queueContract(LookThenRemoveQueue::new).concurrentClaimsOfOneRequestSucceedExactlyOnce());
  }

  @Test
  void aQueueThatLosesPartsOfARequestIsReported() {
    reports(() -> queueContract(ForgetfulQueue::new).requestsComeBackIntact());
  }

  // ---- WorkingMemory ----

  private static WorkingMemoryContract workingContract(WorkingMemory store) {
    return new WorkingMemoryContract() {
      @Override
      protected WorkingMemory store() {
        return store;
      }
    };
  }

  /** Reads the version, then writes: two writers of one version can both win. */
  static class ReadThenWriteMemory implements WorkingMemory {
    record Entry(MemoryOwner owner, VersionedValue value) {}

    final Map<String, Map<String, Entry>> tasks = new ConcurrentHashMap<>();

    @Override
    public Optional<VersionedValue> get(String taskId, String key) {
      return Optional.ofNullable(tasks.getOrDefault(taskId, Map.of()).get(key)).map(Entry::value);
    }

    @Override
    public long put(MemoryOwner owner, String taskId, String key, String value, long expected) {
      long actual = get(taskId, key).map(VersionedValue::version).orElse(0L);
      if (expected != ANY_VERSION && expected != actual) {
        throw new VersionConflictException(taskId, key, expected, actual);
      }
      pause();
      tasks
          .computeIfAbsent(taskId, t -> new ConcurrentHashMap<>())
          .put(key, new Entry(owner, new VersionedValue(value, actual + 1)));
      return actual + 1;
    }

    @Override
    public Map<String, VersionedValue> snapshot(String taskId) {
      Map<String, VersionedValue> values = new HashMap<>();
      tasks.getOrDefault(taskId, Map.of()).forEach((k, e) -> values.put(k, e.value()));
      return values;
    }

    @Override
    public void clear(String taskId) {
      tasks.remove(taskId);
    }

    @Override
    public int forget(MemoryOwner owner) {
      int[] n = {0};
      tasks
          .values()
          .forEach(entries ->
              entries
                  .values()
                  .removeIf(e -> {
                    boolean match = matches(e.owner(), owner);
                    n[0] += match ? 1 : 0;
                    return match;
                  }));
      return n[0];
    }

    boolean matches(MemoryOwner stored, MemoryOwner forgotten) {
      return stored.equals(forgotten);
    }
  }

  /** Versions are kept, but every write wins. */
  static final class VersionBlindMemory extends ReadThenWriteMemory {
    @Override
    public long put(MemoryOwner owner, String taskId, String key, String value, long expected) {
      return super.put(owner, taskId, key, value, ANY_VERSION);
    }
  }

  /** Forgets every owner of the principal's name, in every tenant. */
  static final class ForgetsAcrossTenantsMemory extends ReadThenWriteMemory {
    @Override
    public synchronized long put(
        MemoryOwner owner, String taskId, String key, String value, long expected) {
      return super.put(owner, taskId, key, value, expected);
    }

    @Override
    boolean matches(MemoryOwner stored, MemoryOwner forgotten) {
      return stored.principal().equals(forgotten.principal());
    }
  }

  @Test
  void aWorkingMemoryThatIgnoresVersionsIsReported() {
    reports(() ->
        workingContract(new VersionBlindMemory()).aStaleWriteFailsNamingTaskKeyAndBothVersions());
  }

  @Test
  void aVersionCheckThatIsNotAtomicIsReported() {
    reports(() ->
        workingContract(new ReadThenWriteMemory()).ofConcurrentWritersOfOneVersionExactlyOneWins());
  }

  @Test
  void aWorkingMemoryForgettingOtherTenantsIsReported() {
    reports(() ->
        workingContract(new ForgetsAcrossTenantsMemory()).forgettingAnOwnerRemovesItsTasksOnly());
  }

  // ---- TaskJournal ----

  private static TaskJournalContract journalContract(java.util.function.Supplier<TaskJournal> j) {
    return new TaskJournalContract() {
      @Override
      protected TaskJournal newJournal() {
        return j.get();
      }
    };
  }

  /** Buffers records not forced and loses the buffer. */
  static final class LosesUnforcedJournal extends InMemoryTaskJournalWrapper {
    @Override
    public void append(JournalEntry entry) {}
  }

  /** Refuses a stored sequence by looking first, then adding: two racing runs both get in. */
  static final class LookThenAddJournal extends InMemoryTaskJournalWrapper {
    @Override
    public void append(JournalEntry entry) {
      appendForced(entry);
    }

    @Override
    public void appendForced(JournalEntry entry) {
      boolean held = read(entry.taskId()).stream().anyMatch(e -> e.sequence() == entry.sequence());
      if (held) {
        throw new IllegalStateException("task " + entry.taskId() + " holds " + entry.sequence());
      }
      pause();
      synchronized (raced) {
        raced.add(entry);
      }
    }

    private final List<JournalEntry> raced = new ArrayList<>();

    @Override
    public List<JournalEntry> read(String taskId) {
      synchronized (raced) {
        List<JournalEntry> all = new ArrayList<>();
        raced.stream().filter(e -> e.taskId().equals(taskId)).forEach(all::add);
        return all;
      }
    }
  }

  /** Core's in-memory journal, right unless a subclass breaks it. */
  static class InMemoryTaskJournalWrapper implements TaskJournal {
    final InMemoryTaskJournal delegate = new InMemoryTaskJournal();

    @Override
    public void append(JournalEntry entry) {
      delegate.append(entry);
    }

    @Override
    public void appendForced(JournalEntry entry) {
      delegate.appendForced(entry);
    }

    @Override
    public List<JournalEntry> read(String taskId) {
      return delegate.read(taskId);
    }

    @Override
    public List<String> unfinished() {
      return delegate.unfinished();
    }
  }

  @Test
  void aJournalLosingRecordsIsReported() {
    TaskJournalContract contract = journalContract(LosesUnforcedJournal::new);
    reports(contract::recordsComeBackInOrderIncludingThoseNotForced);
  }

  @Test
  void aJournalLettingTwoRunsStoreOneSequenceIsReported() {
    TaskJournalContract contract = journalContract(LookThenAddJournal::new);
    reports(contract::ofRunsRacingToForceOneSequenceExactlyOneIsStored);
  }

  // ---- SessionMemory ----

  private static SessionMemoryContract sessionContract(SessionMemory store) {
    return new SessionMemoryContract() {
      @Override
      protected SessionMemory newStore(int maxTurns) {
        return store;
      }
    };
  }

  /** Keys sessions by principal and session id: the tenant is lost. */
  static class PrincipalKeyedSessions implements SessionMemory {
    final Map<String, List<ChatTurn>> sessions = new ConcurrentHashMap<>();

    String key(MemoryOwner owner, String sessionId) {
      return owner.principal() + "/" + sessionId;
    }

    @Override
    public List<ChatTurn> recent(MemoryOwner owner, String sessionId, int maxTurns) {
      List<ChatTurn> all = sessions.getOrDefault(key(owner, sessionId), List.of());
      return List.copyOf(all.subList(Math.max(0, all.size() - maxTurns), all.size()));
    }

    @Override
    public synchronized void append(MemoryOwner owner, String sessionId, ChatTurn turn) {
      List<ChatTurn> turns =
          sessions.computeIfAbsent(key(owner, sessionId), k -> new ArrayList<>());
      turns.add(turn);
      if (turns.size() > SessionMemoryContract.MAX_TURNS) {
        turns.remove(0);
      }
    }

    @Override
    public void clear(MemoryOwner owner, String sessionId) {
      sessions.remove(key(owner, sessionId));
    }

    @Override
    public int forget(MemoryOwner owner) {
      int before = sessions.size();
      sessions.keySet().removeIf(k -> k.startsWith(owner.principal() + "/"));
      return before - sessions.size();
    }
  }

  /** Keys sessions by owner, but forgets by principal name in every tenant. */
  static final class ForgetsAcrossTenantsSessions extends PrincipalKeyedSessions {
    @Override
    String key(MemoryOwner owner, String sessionId) {
      return owner.principal()
          + "/"
          + owner.tenant().length()
          + ":"
          + owner.tenant()
          + "/"
          + sessionId;
    }
  }

  @Test
  void aSessionMemoryLeakingAcrossTenantsIsReported() {
    reports(() ->
        sessionContract(new PrincipalKeyedSessions())
            .oneOwnersSessionIdNeverReachesAnotherOwnersTurns());
  }

  @Test
  void aSessionMemoryForgettingOtherTenantsIsReported() {
    reports(() ->
        sessionContract(new ForgetsAcrossTenantsSessions())
            .forgettingAnOwnerRemovesEverySessionOfItAndNoOther());
  }
}
