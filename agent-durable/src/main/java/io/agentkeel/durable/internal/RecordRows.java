package io.agentkeel.durable.internal;

import io.agentkeel.api.JournalEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * How journal records map to rows: a row holds consecutive records of one task, {@code seq} to
 * {@code last_seq}. A row of one record keeps its kind, key and payload in their columns as they
 * are; a row of several keeps the kind and key of its last record in the columns (so that a query
 * for a task's last kind needs no decoding) and all of its records, framed, in the payload: per
 * record {@code KIND keyLength payloadLength\n} then the key and the payload, lengths in UTF-16
 * units.
 */
public final class RecordRows {
  private RecordRows() {}

  /**
   * Consecutive records of one task stored as one row.
   *
   * @param records the records, their sequences consecutive
   */
  public record Row(List<JournalEntry> records) {
    /**
     * The task.
     *
     * @return its id
     */
    public String taskId() {
      return records.getFirst().taskId();
    }

    /**
     * The first sequence.
     *
     * @return it
     */
    public long seq() {
      return records.getFirst().sequence();
    }

    /**
     * The last sequence.
     *
     * @return it
     */
    public long lastSeq() {
      return records.getLast().sequence();
    }

    /**
     * The last record's kind.
     *
     * @return it
     */
    public JournalEntry.Kind kind() {
      return records.getLast().kind();
    }

    /**
     * The last record's key.
     *
     * @return it
     */
    public String key() {
      return records.getLast().key();
    }

    /**
     * The payload column: the record's payload, or the framed records.
     *
     * @return it
     */
    public String payload() {
      if (records.size() == 1) {
        return records.getFirst().payload();
      }
      int length = 0;
      for (JournalEntry record : records) {
        length += record.kind().name().length() + record.key().length() + 24;
        length += record.payload().length();
      }
      StringBuilder framed = new StringBuilder(length);
      for (JournalEntry record : records) {
        framed
            .append(record.kind().name())
            .append(' ')
            .append(record.key().length())
            .append(' ')
            .append(record.payload().length())
            .append('\n')
            .append(record.key())
            .append(record.payload());
      }
      return framed.toString();
    }
  }

  /**
   * Groups records into rows: with {@code together}, the consecutive records of each task (tasks in
   * the order of their first record, each task's records in the order given); otherwise one row per
   * record.
   *
   * @param entries the records, each task's in order
   * @param together whether a row may hold several records
   * @return the rows
   */
  public static List<Row> rows(List<JournalEntry> entries, boolean together) {
    List<Row> rows = new ArrayList<>(together ? entries.size() / 4 + 1 : entries.size());
    if (!together) {
      entries.forEach(entry -> rows.add(new Row(List.of(entry))));
      return rows;
    }
    // Grouped by task in first-seen order (no sort: the writer calls this for every batch).
    java.util.Map<String, List<JournalEntry>> byTask = new java.util.LinkedHashMap<>();
    for (JournalEntry entry : entries) {
      byTask.computeIfAbsent(entry.taskId(), id -> new ArrayList<>(8)).add(entry);
    }
    for (List<JournalEntry> task : byTask.values()) {
      int start = 0;
      for (int i = 1; i <= task.size(); i++) {
        if (i == task.size() || task.get(i - 1).sequence() + 1 != task.get(i).sequence()) {
          rows.add(new Row(List.copyOf(task.subList(start, i))));
          start = i;
        }
      }
    }
    return rows;
  }

  /**
   * The records of one stored row.
   *
   * @param taskId the task
   * @param seq the row's first sequence
   * @param lastSeq the row's last sequence
   * @param kind the kind column
   * @param key the key column
   * @param payload the payload column
   * @return the records, in order
   * @throws IllegalStateException if a row of several records is malformed, or a row holds a kind
   *     this version does not know
   */
  public static List<JournalEntry> records(
      String taskId, long seq, long lastSeq, String kind, String key, String payload) {
    if (lastSeq <= seq) {
      return List.of(new JournalEntry(taskId, seq, kind(kind, seq, lastSeq), key, payload));
    }
    List<JournalEntry> records = new ArrayList<>((int) Math.min(lastSeq - seq + 1, 64));
    int at = 0;
    try {
      for (long s = seq; s <= lastSeq; s++) {
        int space = payload.indexOf(' ', at);
        int space2 = payload.indexOf(' ', space + 1);
        int newline = payload.indexOf('\n', space2 + 1);
        JournalEntry.Kind recordKind = kind(payload.substring(at, space), seq, lastSeq);
        int keyLength = Integer.parseInt(payload, space + 1, space2, 10);
        int payloadLength = Integer.parseInt(payload, space2 + 1, newline, 10);
        int keyStart = newline + 1;
        int payloadStart = keyStart + keyLength;
        at = payloadStart + payloadLength;
        records.add(
            new JournalEntry(
                taskId,
                s,
                recordKind,
                payload.substring(keyStart, payloadStart),
                payload.substring(payloadStart, at)));
      }
    } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
      throw new IllegalStateException(
          "journal row " + seq + ".." + lastSeq + " of a task is malformed", malformed);
    }
    if (at != payload.length()) {
      throw new IllegalStateException(
          "journal row " + seq + ".." + lastSeq + " of a task holds more than its records");
    }
    return records;
  }

  /**
   * The kind a stored row names.
   *
   * @param kind the stored name
   * @param seq the row's first sequence, to name it
   * @param lastSeq the row's last sequence, to name it
   * @return the kind
   * @throws IllegalStateException if this version has no such kind: a newer version wrote the row,
   *     or the table was changed by hand
   */
  public static JournalEntry.Kind kind(String kind, long seq, long lastSeq) {
    for (JournalEntry.Kind known : JournalEntry.Kind.values()) {
      if (known.name().equals(kind)) {
        return known;
      }
    }
    throw new IllegalStateException(
        "journal row "
            + seq
            + ".."
            + lastSeq
            + " of a task holds kind '"
            + kind
            + "', which this version does not know: a newer version wrote it, or the table was"
            + " changed by hand");
  }
}
