package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Calls that race {@link JdbcTaskJournal#close()} complete or fail, and never wait forever: an
 * {@code appendForced}, {@code flush} or {@code read} queued after the writer thread stopped used
 * to wait for an answer that never came. The timeout only tells a hang from an answer; it is not a
 * measure of speed.
 */
class JournalCloseRaceTest {

  private static final int ROUNDS = 300;
  private static final int CALLERS = 4;

  @Test
  void callsRacingCloseCompleteOrFailAndNoneHangs() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          for (int round = 0; round < ROUNDS; round++) {
            race(round);
          }
        });
  }

  private static void race(int round) throws InterruptedException {
    String url = "jdbc:h2:mem:" + Servers.uniquePrefix() + "_" + round + ";DB_CLOSE_DELAY=-1";
    JdbcTaskJournal journal = JdbcTaskJournal.open(url, "sa", "", "race_");
    Set<JournalEntry> forced = ConcurrentHashMap.newKeySet();
    List<String> failures = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch ended = new CountDownLatch(CALLERS);
    for (int c = 0; c < CALLERS; c++) {
      String task = "t" + c;
      Thread.ofPlatform()
          .daemon(true)
          .start(() -> {
            try {
              for (long seq = 0; ; seq++) {
                calls.incrementAndGet();
                switch ((int) (seq % 3)) {
                  case 0 -> {
                    JournalEntry entry = new JournalEntry(task, seq / 3, Kind.TOOL_INTENT, "", "p");
                    journal.appendForced(entry);
                    forced.add(entry);
                  }
                  case 1 -> journal.flush();
                  default -> journal.read(task);
                }
              }
            } catch (IllegalStateException e) {
              synchronized (failures) {
                failures.add(e.getMessage());
              }
            } finally {
              ended.countDown();
            }
          });
    }
    int before = ThreadLocalRandom.current().nextInt(CALLERS * 8);
    while (calls.get() < before) {
      Thread.onSpinWait();
    }
    journal.close();
    ended.await();

    assertThat(failures)
        .as("every call after close fails, naming the cause")
        .hasSize(CALLERS)
        .containsOnly("the task journal is closed");
    try (JdbcTaskJournal reopened = JdbcTaskJournal.open(url, "sa", "", "race_")) {
      for (JournalEntry entry : forced) {
        assertThat(reopened.read(entry.taskId()))
            .as("a forced record that returned is stored")
            .contains(entry);
      }
    }
  }
}
