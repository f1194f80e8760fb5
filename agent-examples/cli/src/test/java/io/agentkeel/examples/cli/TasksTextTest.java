package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.durable.JdbcTaskJournal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads in the text of {@code agentkeel tasks}: task ids come from whoever
 * submitted the task, so their control characters are shown escaped, never obeyed.
 */
class TasksTextTest {

  @TempDir Path dataDir;

  @Test
  void controlCharactersInATaskIdCannotForgeALineOfTheList() {
    String id = "t-1\u001b]0;all clear\u0007\n0 in flight";
    try (JdbcTaskJournal journal = JdbcTaskJournal.embedded(dataDir)) {
      journal.appendForced(new JournalEntry(id, 0, JournalEntry.Kind.STARTED, "", "{}"));
    }

    CliRun listed = CliRun.of(dataDir, Map.of(), List.of("tasks"));

    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).doesNotContain("\u001b").doesNotContain("\u0007");
    assertThat(listed.out().lines().toList())
        .hasSize(2)
        .endsWith("1 in flight")
        .first()
        .asString()
        .startsWith("t-1\\u001b]0;all clear\\u0007\\u000a0 in flight  running or orphaned");
  }

  /**
   * A right-to-left override or a zero-width character in a task id is shown escaped too, as the
   * text report and the queue worker's log lines show them: printed as given, an override before
   * 'gnp.exe' made the id read on screen as 'exe.png'.
   */
  @Test
  void formatCharactersInATaskIdAreShownEscaped() {
    String id = "t-1\u202egnp.exe\u200b";
    try (JdbcTaskJournal journal = JdbcTaskJournal.embedded(dataDir)) {
      journal.appendForced(new JournalEntry(id, 0, JournalEntry.Kind.STARTED, "", "{}"));
    }

    CliRun listed = CliRun.of(dataDir, Map.of(), List.of("tasks"));

    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).doesNotContain("\u202e").doesNotContain("\u200b");
    assertThat(listed.out().lines().toList())
        .first()
        .asString()
        .startsWith("t-1\\u202egnp.exe\\u200b  running or orphaned");
  }
}
