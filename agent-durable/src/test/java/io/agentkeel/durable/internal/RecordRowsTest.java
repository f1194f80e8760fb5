package io.agentkeel.durable.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows of several records: grouping and framing. */
class RecordRowsTest {

  @Test
  void consecutiveRecordsOfATaskShareARowAndComeBackAsTheyWere() {
    List<JournalEntry> entries =
        List.of(
            new JournalEntry("b", 0, Kind.STARTED, "", "{\"x\":\"1 2\\n3\"}"),
            new JournalEntry("a", 4, Kind.MODEL_REPLY, "", ""),
            new JournalEntry("b", 1, Kind.TOOL_INTENT, "b/1/0", "12 34\n56 \u00e9\uD83D\uDE00"),
            new JournalEntry("a", 5, Kind.TOOL_RESULT, "a/5/0", "ENDED 3 4\nabc"),
            new JournalEntry("b", 2, Kind.ENDED, "", "completed"),
            new JournalEntry("a", 7, Kind.ENDED, "", "a gap before me"));

    List<RecordRows.Row> rows = RecordRows.rows(entries, true);

    assertThat(rows)
        .extracting(RecordRows.Row::taskId, RecordRows.Row::seq, RecordRows.Row::lastSeq)
        .containsExactly(tuple("b", 0L, 2L), tuple("a", 4L, 5L), tuple("a", 7L, 7L));
    for (RecordRows.Row row : rows) {
      assertThat(
              RecordRows.records(
                  row.taskId(),
                  row.seq(),
                  row.lastSeq(),
                  row.kind().name(),
                  row.key(),
                  row.payload()))
          .isEqualTo(row.records());
    }
    assertThat(rows.getLast().kind()).isEqualTo(Kind.ENDED);
  }

  @Test
  void withoutTogetherEveryRecordIsARow() {
    List<JournalEntry> entries =
        List.of(
            new JournalEntry("a", 0, Kind.STARTED, "", "s"),
            new JournalEntry("a", 1, Kind.ENDED, "", "e"));

    assertThat(RecordRows.rows(entries, false)).hasSize(2);
  }

  @Test
  void aMalformedRowIsNamedNotMisread() {
    assertThatIllegalStateException()
        .isThrownBy(() -> RecordRows.records("a", 0, 1, "ENDED", "", "STARTED 0 99\nshort"))
        .withMessageContaining("0..1");
    assertThatIllegalStateException()
        .isThrownBy(() -> RecordRows.records("a", 0, 1, "ENDED", "", "STARTED 0 1\nxENDED 0 1\nyz"))
        .withMessageContaining("more than its records");
  }
}
