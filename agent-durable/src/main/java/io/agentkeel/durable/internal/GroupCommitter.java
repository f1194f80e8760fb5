package io.agentkeel.durable.internal;

import io.agentkeel.api.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers journal records from many threads and stores them together: one writer thread takes
 * whatever is queued (up to {@link #MAX_BATCH}), writes it in one transaction and completes the
 * waiting callers. An append that is not forced returns once queued; a forced one waits for the
 * commit of the batch that holds it, which also holds everything queued before it. Records are
 * written in the order they were queued. At most {@link #MAX_QUEUED} records wait: an append beyond
 * that blocks until the writer catches up, so a store slower than its callers slows them down
 * instead of filling the heap.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  /** The most records written in one transaction. */
  public static final int MAX_BATCH = 4096;

  /** The most records queued and not yet written. */
  public static final int MAX_QUEUED = 16 * MAX_BATCH;

  /** Writes a batch in one transaction, or each record on its own when the batch fails. */
  public interface BatchWriter {
    /**
     * Writes the records in one transaction.
     *
     * @param entries the records, in order
     * @param forced whether a caller waits for this batch (the commit must then be durable)
     * @throws Exception if the transaction failed; nothing of it is stored
     */
    void writeAll(List<JournalEntry> entries, boolean forced) throws Exception;

    /**
     * Writes one record in its own transaction.
     *
     * @param entry the record
     * @throws Exception if it could not be stored
     */
    void writeOne(JournalEntry entry) throws Exception;

    /**
     * Tells whether a failure means the record's task and sequence were already stored.
     *
     * @param failure what {@link #writeOne} threw
     * @return whether it is a duplicate
     */
    boolean isDuplicate(Exception failure);
  }

  private record Item(JournalEntry entry, CompletableFuture<Void> done) {}

  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final BatchWriter writer;
  private final Thread thread;
  private volatile boolean closed;

  /**
   * Starts the writer thread.
   *
   * @param name the thread's name
   * @param writer what stores a batch
   */
  public GroupCommitter(String name, BatchWriter writer) {
    this.writer = writer;
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    this.thread.start();
  }

  /**
   * Queues a record.
   *
   * @param entry the record
   * @throws IllegalStateException if the committer is closed
   */
  public void append(JournalEntry entry) {
    requireOpen();
    enqueue(new Item(entry, null));
  }

  private void enqueue(Item item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the journal queue was full", e);
    }
  }

  /**
   * Queues a record and waits until it is stored.
   *
   * @param entry the record
   * @throws IllegalStateException if it duplicates a stored record, or the committer is closed
   * @throws RuntimeException if it could not be stored
   */
  public void appendForced(JournalEntry entry) {
    requireOpen();
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Item(entry, done));
    await(done);
  }

  /** Waits until everything queued so far is written. */
  public void flush() {
    if (closed && !thread.isAlive()) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Item(null, done));
    await(done);
  }

  private static void await(CompletableFuture<Void> done) {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the journal stored a record", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("the journal could not store a record", e.getCause());
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the task journal is closed");
    }
  }

  private void run() {
    List<Item> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException stop) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      write(batch);
      if (closed && queue.isEmpty()) {
        return;
      }
    }
  }

  private void write(List<Item> batch) {
    List<JournalEntry> entries = new ArrayList<>(batch.size());
    boolean forced = false;
    for (Item item : batch) {
      if (item.entry() != null) {
        entries.add(item.entry());
      }
      forced |= item.done() != null;
    }
    if (entries.isEmpty()) {
      batch.forEach(item -> item.done().complete(null));
      return;
    }
    try {
      writer.writeAll(entries, forced);
      batch.forEach(item -> {
        if (item.done() != null) {
          item.done().complete(null);
        }
      });
      return;
    } catch (Exception batchFailed) {
      // One bad record (a duplicate, most likely) must not lose the others: write each alone.
    }
    for (Item item : batch) {
      if (item.entry() == null) {
        item.done().complete(null);
        continue;
      }
      try {
        writer.writeOne(item.entry());
        if (item.done() != null) {
          item.done().complete(null);
        }
      } catch (Exception failure) {
        RuntimeException reported =
            writer.isDuplicate(failure)
                ? new IllegalStateException(
                    "the journal of task '"
                        + item.entry().taskId()
                        + "' already holds record "
                        + item.entry().sequence()
                        + "; another run has the task")
                : new IllegalStateException(
                    "the journal could not store a record ("
                        + failure.getClass().getSimpleName()
                        + ")",
                    failure);
        if (item.done() != null) {
          item.done().completeExceptionally(reported);
        } else {
          LOG.warn(
              "task journal: a {} record was not stored ({}); recovery may repeat its step",
              item.entry().kind(),
              reported.getMessage());
        }
      }
    }
  }

  /** Writes what is queued, then stops the writer thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    flush();
    closed = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
