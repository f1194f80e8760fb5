package io.agentkeel.core;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.TaskJournal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task journal held in this process's memory: it survives an agent (a new agent on the same
 * journal recovers the first one's tasks) but not the process. For tests and for agents that are
 * replaced within one process; a process that must survive its own death needs a journal on disk or
 * in a shared database. Every append is stored when it returns. Thread-safe.
 */
public final class InMemoryTaskJournal implements TaskJournal {

  private final Map<String, List<JournalEntry>> tasks = new LinkedHashMap<>();

  /** Creates an empty journal. */
  public InMemoryTaskJournal() {}

  @Override
  public void append(JournalEntry entry) {
    appendForced(entry);
  }

  @Override
  public synchronized void appendForced(JournalEntry entry) {
    List<JournalEntry> entries = tasks.computeIfAbsent(entry.taskId(), id -> new ArrayList<>());
    long expected = entries.isEmpty() ? 0 : entries.getLast().sequence() + 1;
    if (entry.sequence() < expected) {
      throw new IllegalStateException(
          "the journal of task '"
              + entry.taskId()
              + "' already holds record "
              + entry.sequence()
              + "; another run has the task");
    }
    entries.add(entry);
  }

  @Override
  public synchronized List<JournalEntry> read(String taskId) {
    return List.copyOf(tasks.getOrDefault(taskId, List.of()));
  }

  @Override
  public synchronized List<String> unfinished() {
    List<String> ids = new ArrayList<>();
    tasks.forEach((id, entries) -> {
      if (!entries.isEmpty() && entries.getLast().kind() != JournalEntry.Kind.ENDED) {
        ids.add(id);
      }
    });
    return ids;
  }
}
