package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The journal's contract on both engines: order, fencing, unfinished tasks, group commit. */
class JdbcTaskJournalTest {

  @TempDir static Path directory;

  private final List<JdbcTaskJournal> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(JdbcTaskJournal::close);
  }

  static Stream<Arguments> engines() {
    return Stream.of(
        Arguments.of(
            "h2",
            (Supplier<JdbcTaskJournal>)
                () ->
                    JdbcTaskJournal.open(
                        "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1",
                        "sa",
                        "",
                        "agentkeel_")),
        Arguments.of(
            "postgresql",
            (Supplier<JdbcTaskJournal>)
                () -> {
                  Servers.requirePostgres();
                  return JdbcTaskJournal.open(
                      Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", Servers.uniquePrefix());
                }));
  }

  private JdbcTaskJournal open(Supplier<JdbcTaskJournal> engine) {
    JdbcTaskJournal journal = engine.get();
    opened.add(journal);
    return journal;
  }

  private static JournalEntry entry(String task, long seq, Kind kind) {
    return new JournalEntry(task, seq, kind, "k" + seq, "payload " + seq + " \u00e9\n\"q\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void recordsComeBackInOrderIncludingThoseNotForced(
      String name, Supplier<JdbcTaskJournal> engine) {
    JdbcTaskJournal journal = open(engine);
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void aSecondRecordWithTheSameSequenceIsRefusedAndTheOthersOfItsBatchAreKept(
      String name, Supplier<JdbcTaskJournal> engine) {
    JdbcTaskJournal journal = open(engine);
    journal.appendForced(entry("t1", 0, Kind.STARTED));
    journal.append(entry("t2", 0, Kind.STARTED));
    journal.append(entry("t1", 0, Kind.STARTED));
    journal.append(entry("t2", 1, Kind.MODEL_REPLY));

    assertThatIllegalStateException()
        .isThrownBy(() -> journal.appendForced(entry("t1", 0, Kind.RECOVERED)))
        .withMessageContaining("task 't1' already holds record 0")
        .withMessageContaining("another run has the task");
    assertThat(journal.read("t2")).hasSize(2);
    assertThat(journal.read("t1")).containsExactly(entry("t1", 0, Kind.STARTED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void unfinishedTasksAreThoseWhoseLastRecordIsNoEnd(
      String name, Supplier<JdbcTaskJournal> engine) {
    JdbcTaskJournal journal = open(engine);
    journal.append(entry("ended", 0, Kind.STARTED));
    journal.append(entry("ended", 1, Kind.ENDED));
    journal.append(entry("running", 0, Kind.STARTED));
    journal.append(entry("waiting", 0, Kind.STARTED));
    journal.append(entry("waiting", 1, Kind.SUSPENDED));

    assertThat(journal.unfinished()).containsExactlyInAnyOrder("running", "waiting");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void manyThreadsAppendingAtOnceLoseNothing(String name, Supplier<JdbcTaskJournal> engine)
      throws Exception {
    JdbcTaskJournal journal = open(engine);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        String task = "task-" + t;
        done.add(
            threads.submit(() -> {
              for (int seq = 0; seq < 24; seq++) {
                if (seq % 6 == 5) {
                  journal.appendForced(entry(task, seq, Kind.TOOL_INTENT));
                } else {
                  journal.append(entry(task, seq, Kind.MODEL_REPLY));
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
