package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import org.junit.jupiter.api.Test;

/**
 * A caller whose thread is interrupted can still queue a record when the queue has room: the append
 * waited for room interruptibly even when it had no need to wait, so it failed at once with
 * 'interrupted while the journal queue was full' (the queue held nothing), and the record, a step a
 * recovery then repeats, was lost. The interrupt is left set for the caller.
 */
class InterruptedCallerTest {

  @Test
  void anInterruptedCallerQueuesARecordWhenThereIsRoom() {
    String url = "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1";
    try (JdbcTaskJournal journal = JdbcTaskJournal.open(url, "sa", "", "interrupted_")) {
      JournalEntry started = new JournalEntry("t1", 0, Kind.STARTED, "", "{}");
      Thread.currentThread().interrupt();
      try {
        journal.append(started);
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
      } finally {
        Thread.interrupted();
      }

      assertThat(journal.read("t1")).containsExactly(started);
    }
  }
}
