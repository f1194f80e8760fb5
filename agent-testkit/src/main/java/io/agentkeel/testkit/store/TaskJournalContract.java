package io.agentkeel.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import io.agentkeel.api.TaskJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TaskJournal} passes. Extend it in the store's own tests and return a
 * new, empty journal (or one whose records this test cannot see, such as a fresh table):
 *
 * <pre>{@code
 * class PostgresTaskJournalTest extends TaskJournalContract {
 *   @Override
 *   protected TaskJournal newJournal() {
 *     return JdbcTaskJournal.open(url, user, password, "journal_" + unique());
 *   }
 * }
 * }</pre>
 *
 * <p>It checks that a task's records come back in order, those not forced included; that a second
 * record with a stored task and sequence is refused without losing the records appended with it;
 * that of two runs forcing one sequence at once exactly one is stored; that unfinished tasks are
 * those whose last record is no end; and that appends from many threads lose nothing. Journals are
 * closed after each test.
 */
public abstract class TaskJournalContract {

  private final List<TaskJournal> opened = new ArrayList<>();

  /** For subclasses. */
  protected TaskJournalContract() {}

  /**
   * A new journal holding no record this test has not appended.
   *
   * @return the journal
   */
  protected abstract TaskJournal newJournal();

  private TaskJournal journal() {
    TaskJournal journal = newJournal();
    opened.add(journal);
    return journal;
  }

  /** Closes the journals this test opened. */
  @AfterEach
  void closeJournals() {
    opened.forEach(TaskJournal::close);
  }

  private static JournalEntry entry(String task, long sequence, Kind kind) {
    return new JournalEntry(
        task, sequence, kind, "k" + sequence, "payload " + sequence + " \u00e9\n\"quoted\"");
  }

  @Test
  void recordsComeBackInOrderIncludingThoseNotForced() {
    TaskJournal journal = journal();
    journal.append(entry("t1", 0, Kind.STARTED));
    journal.append(entry("t1", 1, Kind.MODEL_REPLY));
    journal.appendForced(entry("t1", 2, Kind.TOOL_INTENT));
    journal.append(entry("t1", 3, Kind.TOOL_RESULT));

    assertThat(journal.read("t1"))
        .containsExactly(
            entry("t1", 0, Kind.STARTED),
            entry("t1", 1, Kind.MODEL_REPLY),
            entry("t1", 2, Kind.TOOL_INTENT),
            entry("t1", 3, Kind.TOOL_RESULT));
    assertThat(journal.read("t2")).isEmpty();
  }

  @Test
  void aSecondRecordWithAStoredSequenceIsRefusedAndTheRecordsAroundItAreKept() {
    TaskJournal journal = journal();
    journal.appendForced(entry("t1", 0, Kind.STARTED));
    journal.append(entry("t2", 0, Kind.STARTED));
    try {
      journal.append(entry("t1", 0, Kind.STARTED));
    } catch (IllegalStateException refusedAtOnce) {
      // A journal may refuse a duplicate when it is appended, or when it is stored.
    }
    journal.append(entry("t2", 1, Kind.MODEL_REPLY));

    assertThatIllegalStateException()
        .isThrownBy(() -> journal.appendForced(entry("t1", 0, Kind.RECOVERED)))
        .withMessageContaining("t1");
    assertThat(journal.read("t2")).hasSize(2);
    assertThat(journal.read("t1")).containsExactly(entry("t1", 0, Kind.STARTED));
  }

  /**
   * Two runs of one task that append the same sequence at once: exactly one is stored, the other is
   * refused, so only one of them goes on (a destructive call's intent is journaled forced before
   * the call runs).
   */
  @Test
  void ofRunsRacingToForceOneSequenceExactlyOneIsStored() throws Exception {
    TaskJournal journal = journal();
    int runs = 8;
    ExecutorService threads = Executors.newFixedThreadPool(runs);
    try {
      for (int round = 0; round < 20; round++) {
        String task = "raced-" + round;
        journal.appendForced(entry(task, 0, Kind.STARTED));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> stored = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          stored.add(
              threads.submit(() -> {
                start.await();
                try {
                  journal.appendForced(entry(task, 1, Kind.TOOL_INTENT));
                  return true;
                } catch (IllegalStateException refused) {
                  return false;
                }
              }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> future : stored) {
          winners += future.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).as("runs of %s whose forced record 1 was stored", task).isEqualTo(1);
        assertThat(journal.read(task))
            .containsExactly(entry(task, 0, Kind.STARTED), entry(task, 1, Kind.TOOL_INTENT));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void unfinishedTasksAreThoseWhoseLastRecordIsNoEnd() {
    TaskJournal journal = journal();
    journal.append(entry("ended", 0, Kind.STARTED));
    journal.append(entry("ended", 1, Kind.ENDED));
    journal.append(entry("running", 0, Kind.STARTED));
    journal.append(entry("waiting", 0, Kind.STARTED));
    journal.append(entry("waiting", 1, Kind.SUSPENDED));

    assertThat(journal.unfinished()).containsExactlyInAnyOrder("running", "waiting");
  }

  @Test
  void manyThreadsAppendingAtOnceLoseNothing() throws Exception {
    TaskJournal journal = journal();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        String task = "task-" + t;
        done.add(
            threads.submit(() -> {
              for (int sequence = 0; sequence < 24; sequence++) {
                if (sequence % 6 == 5) {
                  journal.appendForced(entry(task, sequence, Kind.TOOL_INTENT));
                } else {
                  journal.append(entry(task, sequence, Kind.MODEL_REPLY));
                }
              }
            }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
    for (int t = 0; t < 40; t++) {
      assertThat(journal.read("task-" + t))
          .extracting(JournalEntry::sequence)
          .hasSize(24)
          .isSorted();
    }
  }
}
