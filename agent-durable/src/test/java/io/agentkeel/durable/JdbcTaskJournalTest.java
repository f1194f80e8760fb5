package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the JDBC journal does beyond the contract: reopening a file, naming what is wrong. */
class JdbcTaskJournalTest {

  @TempDir static Path directory;

  private final List<JdbcTaskJournal> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(JdbcTaskJournal::close);
  }

  private static JournalEntry entry(String task, long seq, Kind kind) {
    return new JournalEntry(task, seq, kind, "k" + seq, "payload " + seq);
  }

  @Test
  void theErrorOfADuplicateNamesTheTaskAndTheRecord() {
    JdbcTaskJournal journal =
        JdbcTaskJournal.open(
            "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1", "sa", "", "p_");
    opened.add(journal);
    journal.appendForced(entry("t1", 0, Kind.STARTED));
    assertThatIllegalStateException()
        .isThrownBy(() -> journal.appendForced(entry("t1", 0, Kind.RECOVERED)))
        .withMessage("the journal of task 't1' already holds record 0; another run has the task");
  }

  @Test
  void theEmbeddedJournalKeepsItsRecordsAcrossAReopen() {
    Path data = directory.resolve("reopen");
    JdbcTaskJournal first = JdbcTaskJournal.embedded(data);
    first.append(entry("t1", 0, Kind.STARTED));
    first.append(entry("t1", 1, Kind.MODEL_REPLY));
    first.close();

    JdbcTaskJournal second = JdbcTaskJournal.embedded(data);
    opened.add(second);
    assertThat(second.read("t1")).hasSize(2);
    assertThat(second.unfinished()).containsExactly("t1");
  }

  @Test
  void anUnknownEngineOrAMalformedPrefixIsNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JdbcTaskJournal.open("jdbc:mysql://x/y?password=secret", "u", "", "p_"))
        .withMessageContaining("password=***")
        .withMessageNotContaining("secret")
        .withMessageContaining("jdbc:postgresql://");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JdbcTaskJournal.open("jdbc:h2:mem:x", "sa", "", "Bad-Prefix"))
        .withMessageContaining("'Bad-Prefix'");
  }
}
