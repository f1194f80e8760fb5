package io.agentkeel.durable.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * close() promises to wait at most ten seconds, also for a writer that hangs (a database that
 * stopped answering) while callers wait for room in the full queue: those callers hold the gate
 * that close() took for good, so close() never returned and the journal's connections, whose
 * closing ends the hung write, were never closed. The timeout only tells a hang from an answer.
 */
class HungWriterCloseTest {

  @Test
  void closeReturnsWhileTheWriterHangsAndTheQueueIsFullAndTheWriterEndsOnceFreed()
      throws Exception {
    CountDownLatch inWrite = new CountDownLatch(1);
    CountDownLatch free = new CountDownLatch(1);
    AtomicInteger written = new AtomicInteger();
    BatchWriter hanging =
        new BatchWriter() {
          @Override
          public void writeAll(List<JournalEntry> entries, boolean forced) throws Exception {
            inWrite.countDown();
            free.await();
            written.addAndGet(entries.size());
          }

          @Override
          public void writeOne(JournalEntry entry) {
            written.incrementAndGet();
          }

          @Override
          public boolean isDuplicate(Exception failure) {
            return false;
          }
        };
    GroupCommitter committer = new GroupCommitter("agentkeel-journal-hung", hanging);
    committer.append(entry("first", 0));
    inWrite.await();
    for (int i = 0; i < GroupCommitter.MAX_QUEUED; i++) {
      committer.append(entry("t" + i, 0));
    }
    Thread waiting =
        Thread.ofPlatform().start(() -> committer.append(entry("one-too-many", 0))); // no room
    while (waiting.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }

    // Before: close() waited for the gate that the waiting caller holds, for good.
    assertTimeoutPreemptively(Duration.ofSeconds(60), committer::close);

    free.countDown();
    waiting.join();
    Thread writer =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("agentkeel-journal-hung"))
            .findFirst()
            .orElse(null);
    if (writer != null) {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> writer.join());
    }
    assertThat(written.get()).isEqualTo(GroupCommitter.MAX_QUEUED + 2);
  }

  private static JournalEntry entry(String task, long sequence) {
    return new JournalEntry(task, sequence, Kind.STARTED, "", "{}");
  }
}
