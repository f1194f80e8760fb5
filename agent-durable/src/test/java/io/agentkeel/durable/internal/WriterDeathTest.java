package io.agentkeel.durable.internal;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A writer thread that dies of an error (out of memory while it frames a large batch, say) fails
 * the callers of the batch it was writing, as it fails those still queued: a forced record or a
 * flush in that batch had been taken out of the queue and the held records, so nothing failed it,
 * and its caller waited forever. The timeout only tells a hang from an answer.
 */
class WriterDeathTest {

  /** What the writer dies of. */
  private static final class Died extends Error {
    private static final long serialVersionUID = 1L;

    Died() {
      super("simulated: the writer ran out of memory", null, false, false);
    }
  }

  private static final BatchWriter DYING =
      new BatchWriter() {
        @Override
        public void writeAll(List<JournalEntry> entries, boolean forced) {
          throw new Died();
        }

        @Override
        public void writeOne(JournalEntry entry) {
          throw new Died();
        }

        @Override
        public boolean isDuplicate(Exception failure) {
          return false;
        }
      };

  @Test
  void aForcedRecordInTheBatchTheWriterDiedOnFails() {
    GroupCommitter committer = new GroupCommitter("agentkeel-journal-dying", DYING);
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () ->
            assertThatIllegalStateException()
                .isThrownBy(() ->
                    committer.appendForced(new JournalEntry("t1", 0, Kind.STARTED, "", "{}"))));
    committer.close();
  }

  @Test
  void aFlushWaitingForTheBatchTheWriterDiedOnFails() {
    // Held back until the flush, which the writer then takes with the batch it dies on.
    GroupCommitter committer =
        new GroupCommitter("agentkeel-journal-dying", DYING, Duration.ofHours(1));
    committer.append(new JournalEntry("t1", 0, Kind.STARTED, "", "{}"));
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> assertThatIllegalStateException().isThrownBy(committer::flush));
    committer.close();
  }
}
