package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A PostgreSQL journal gives back every text as it was appended, U+0000 included, which its text
 * type cannot hold (skipped without a server, unless CI).
 */
class PostgresEveryTextComesBackTest {

  /** Pieces of text that make the escape's edge cases likely. */
  private static final List<String> PIECES =
      List.of("\u0000", "\u0001", "0", "1", "a", "\u00e9", "\n", "\uD83D\uDE00", "\\", " ");

  private static Gen<String> texts() {
    return lists()
        .of(integers().between(0, PIECES.size() - 1))
        .ofSizeBetween(0, 12)
        .map(pieces -> {
          StringBuilder text = new StringBuilder();
          pieces.forEach(i -> text.append(PIECES.get(i)));
          return text.toString();
        });
  }

  @Test
  void everyTextComesBackAsItWasAppended() {
    Servers.requirePostgres();
    AtomicInteger tasks = new AtomicInteger();
    try (JdbcTaskJournal journal =
        JdbcTaskJournal.open(
            Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", Servers.uniquePrefix())) {
      qt().withExamples(150)
          .forAll(texts(), texts(), texts())
          .checkAssert((id, key, payload) -> {
            String taskId = "t" + tasks.incrementAndGet() + id;
            JournalEntry started = new JournalEntry(taskId, 0, Kind.STARTED, "", payload);
            JournalEntry intent = new JournalEntry(taskId, 1, Kind.TOOL_INTENT, key, payload);
            journal.append(started);
            journal.appendForced(intent);

            assertThat(journal.read(taskId)).containsExactly(started, intent);
            assertThat(journal.unfinished()).contains(taskId);
            assertThat(journal.inFlight())
                .anySatisfy(t -> assertThat(t.taskId()).isEqualTo(taskId));
          });
    }
  }
}
