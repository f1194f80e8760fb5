package io.agentkeel.durable;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.TaskJournal;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated process's view of a shared journal, which dies at its {@code killAt}-th append:
 * from then on nothing it appends is stored. Appends that are not forced wait in a buffer, as in a
 * group commit, until a forced append stores them; when the process dies the buffer is lost if
 * {@code loseBuffered}, the worst a crash can do.
 */
final class DyingJournal implements TaskJournal {
  private final TaskJournal store;
  private final int killAt;
  private final boolean loseBuffered;
  private final List<JournalEntry> buffered = new ArrayList<>();
  private int appends;
  private volatile boolean dead;

  DyingJournal(TaskJournal store, int killAt, boolean loseBuffered) {
    this.store = store;
    this.killAt = killAt;
    this.loseBuffered = loseBuffered;
  }

  boolean alive() {
    return !dead;
  }

  /** Counts an append; true if the process dies now, before the append is stored. */
  private boolean diesNow() {
    if (dead) {
      return true;
    }
    if (appends++ == killAt) {
      dead = true;
      if (!loseBuffered) {
        buffered.forEach(store::appendForced);
      }
      buffered.clear();
      return true;
    }
    return false;
  }

  @Override
  public synchronized void append(JournalEntry entry) {
    if (!diesNow()) {
      buffered.add(entry);
    }
  }

  @Override
  public synchronized void appendForced(JournalEntry entry) {
    if (diesNow()) {
      throw new IllegalStateException("simulated crash: this process is dead");
    }
    flushBuffer();
    store.appendForced(entry);
  }

  private void flushBuffer() {
    List<JournalEntry> pending = new ArrayList<>(buffered);
    buffered.clear();
    pending.forEach(store::appendForced);
  }

  @Override
  public synchronized void flush() {
    if (!dead) {
      flushBuffer();
    }
  }

  @Override
  public synchronized List<JournalEntry> read(String taskId) {
    if (!dead) {
      flushBuffer();
    }
    return store.read(taskId);
  }

  @Override
  public synchronized List<String> unfinished() {
    if (!dead) {
      flushBuffer();
    }
    return store.unfinished();
  }
}
