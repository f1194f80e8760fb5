package io.agentkeel.durable.internal;

import io.agentkeel.api.DatabaseErrors;
import io.agentkeel.api.JournalEntry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers journal records from many threads and stores them together: one writer thread takes what
 * is queued, writes it in one transaction and completes the waiting callers. An append that is not
 * forced returns once queued; a forced one waits for the commit that holds it and every record of
 * its task queued before it. Records of one task are written in the order they were queued.
 *
 * <p>With a linger above zero the writer holds records that nobody waits for, per task, for up to
 * that long: a task's records are written when one of them is forced, on {@link #flush}, once the
 * first of them has waited the linger, or when {@link #MAX_HELD} records are held. A short task is
 * then stored in one go, which lets the store keep its records together (one row instead of one per
 * record); a crash loses at most the linger's worth of records nobody waited for, which costs only
 * repeated model calls and reads. With a linger of zero, everything taken is written at once.
 *
 * <p>At most {@link #MAX_QUEUED} records wait in the queue: an append beyond that blocks until the
 * writer catches up, so a store slower than its callers slows them down instead of filling the
 * heap.
 *
 * <p>{@link #close} writes everything queued before it, then stops the writer. A call that comes
 * after it, or races it and loses, fails at once with an {@link IllegalStateException}; none is
 * queued after the writer stopped, so none waits forever.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  /** The most records taken from the queue at once. */
  public static final int MAX_BATCH = 4096;

  /** The most records queued and not yet taken by the writer. */
  public static final int MAX_QUEUED = 16 * MAX_BATCH;

  /** The most records the writer holds back before it writes them all. */
  public static final int MAX_HELD = 32 * MAX_BATCH;

  /** A record (or none, for a flush or the stop), and the future of whoever waits for it. */
  private record Item(JournalEntry entry, CompletableFuture<Void> done) {}

  /** The last item queued: the writer writes everything it holds and stops. */
  private static final Item STOP = new Item(null, null);

  /** The records of one task held back, and when the first of them was taken. */
  private static final class Held {
    final List<Item> items = new ArrayList<>(8);
    final long since;
    boolean forced;

    Held(long since) {
      this.since = since;
    }
  }

  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final BatchWriter writer;
  private final long lingerNanos;
  private final Thread thread;

  /** Tasks with records held back, oldest first; used by the writer thread only. */
  private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();

  /** Tasks with a forced record among those held, in the order it came. */
  private final List<String> forcedTasks = new ArrayList<>();

  /** Runs fenced off their task after a record was not stored; used by the writer thread. */
  private final RunFences fences = new RunFences();

  private int heldCount;

  /**
   * The items the writer took out of the queue and out of {@link #held} that may still wait: those
   * just taken, the batch it is writing and the flushes waiting for it. Failed, with the held and
   * the queued ones, should the writer die of an error mid-write. Used by the writer thread only.
   */
  private final List<Item> inHand = new ArrayList<>();

  /**
   * Queueing holds the read lock while it checks {@link #closed} and puts the item; closing takes
   * the write lock to set it. So {@link #STOP} is the last item ever queued.
   */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

  private volatile boolean closed;

  /**
   * Starts the writer thread, which writes everything it takes at once.
   *
   * @param name the thread's name
   * @param writer what stores a batch
   */
  public GroupCommitter(String name, BatchWriter writer) {
    this(name, writer, Duration.ZERO);
  }

  /**
   * Starts the writer thread.
   *
   * @param name the thread's name
   * @param writer what stores a batch
   * @param linger how long a record nobody waits for may be held back; zero for not at all
   */
  public GroupCommitter(String name, BatchWriter writer, Duration linger) {
    this.writer = writer;
    this.lingerNanos = linger.toNanos();
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
    enqueue(new Item(entry, null));
  }

  /**
   * Queues an item unless the committer is closed; the writer then takes it before it stops. Only a
   * full queue makes the caller wait, and only that wait is cut short by an interrupt: a caller
   * whose thread is interrupted queues an item when there is room.
   */
  private void enqueue(Item item) {
    gate.readLock().lock();
    try {
      if (closed) {
        throw closedFailure();
      }
      if (!queue.offer(item)) {
        queue.put(item);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for room in the full journal queue", e);
    } finally {
      gate.readLock().unlock();
    }
  }

  /**
   * Queues a record and waits until it, and every record of its task queued before it, is stored.
   *
   * @param entry the record
   * @throws IllegalStateException if it duplicates a stored record, or the committer is closed
   * @throws RuntimeException if it could not be stored
   */
  public void appendForced(JournalEntry entry) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Item(entry, done));
    await(done);
  }

  /**
   * Waits until everything queued so far is written.
   *
   * @throws IllegalStateException if the committer is closed
   */
  public void flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Item(null, done));
    await(done);
  }

  /**
   * Waits for the writer, whatever the interrupt, which is kept for the caller: the item is queued,
   * so the writer stores it (or fails it, should it die) whether or not anyone waits, and a caller
   * told of a failure for a record that was then stored would count a stored intent as missing. The
   * writer completes every item it takes, so no caller waits for good.
   */
  private static void await(CompletableFuture<Void> done) {
    try {
      done.join(); // uninterruptible; sets the interrupt again if one came
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("the journal could not store a record", e.getCause());
    }
  }

  private static IllegalStateException closedFailure() {
    return new IllegalStateException("the task journal is closed");
  }

  private void run() {
    try {
      takeAndWrite();
    } finally {
      // Only STOP (or, once closed, nothing left to take) ends the loop normally, and nothing
      // follows it. Should the writer die of an
      // error instead, close the gate and fail whatever waits, rather than leave it waiting. A
      // caller may hold the gate while it waits for room in the queue: make room until it lets go.
      inHand.forEach(GroupCommitter::failClosed);
      inHand.clear();
      held.values().forEach(task -> task.items.forEach(GroupCommitter::failClosed));
      held.clear();
      boolean locked = false;
      while (!locked) {
        failQueued();
        try {
          locked = gate.writeLock().tryLock(10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ignored) {
          // Keep going: the gate must close.
        }
      }
      try {
        closed = true;
      } finally {
        gate.writeLock().unlock();
      }
      failQueued();
    }
  }

  private void failQueued() {
    List<Item> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(GroupCommitter::failClosed);
  }

  private static void failClosed(Item item) {
    if (item.done() != null) {
      item.done().completeExceptionally(closedFailure());
    }
  }

  /** The writer's loop: takes, holds and writes records until it takes {@link #STOP}. */
  private void takeAndWrite() {
    List<Item> taken = new ArrayList<>();
    List<Item> flushes = new ArrayList<>();
    while (true) {
      taken.clear();
      try {
        Item first;
        if (held.isEmpty()) {
          // Once closed, a writer whose stop could not be queued (the queue was full while a
          // write hung) stops when it finds nothing more to write.
          first = closed ? queue.poll(10, TimeUnit.MILLISECONDS) : queue.take();
          if (first == null) {
            return;
          }
        } else {
          long wait = held.values().iterator().next().since + lingerNanos - System.nanoTime();
          first = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
        }
        if (first != null) {
          taken.add(first);
          queue.drainTo(taken, MAX_BATCH - 1);
          inHand.addAll(taken); // until held or written: failed should the writer die before
        }
      } catch (InterruptedException ignored) {
        // Nobody but close stops the writer, and close queues STOP.
        continue;
      }
      long now = System.nanoTime();
      flushes.clear();
      boolean stop = false;
      for (Item item : taken) {
        if (item == STOP) {
          stop = true;
          continue;
        }
        if (item.entry() == null) {
          flushes.add(item);
          continue;
        }
        Held task = held.computeIfAbsent(item.entry().taskId(), id -> new Held(now));
        task.items.add(item);
        if (item.done() != null && !task.forced) {
          task.forced = true;
          forcedTasks.add(item.entry().taskId());
        }
        heldCount++;
      }
      boolean all = stop || lingerNanos == 0 || !flushes.isEmpty() || heldCount >= MAX_HELD;
      writeHeld(all, now, flushes);
      if (stop) {
        return;
      }
    }
  }

  /**
   * Writes the records of every held task, or of those with a forced record and those held for the
   * linger by {@code now}.
   */
  private void writeHeld(boolean all, long now, List<Item> flushes) {
    List<Item> batch = new ArrayList<>();
    if (all) {
      held.values().forEach(task -> batch.addAll(task.items));
      held.clear();
      heldCount = 0;
    } else {
      for (String taskId : forcedTasks) {
        take(held.remove(taskId), batch);
      }
      for (var it = held.values().iterator(); it.hasNext(); ) {
        Held task = it.next();
        if (now - task.since < lingerNanos) {
          break;
        }
        take(task, batch);
        it.remove();
      }
    }
    forcedTasks.clear();
    inHand.addAll(batch);
    inHand.addAll(flushes);
    write(batch);
    flushes.forEach(item -> item.done().complete(null));
    inHand.clear();
  }

  private void take(Held task, List<Item> batch) {
    batch.addAll(task.items);
    heldCount -= task.items.size();
  }

  private void write(List<Item> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Item> open = new ArrayList<>(batch.size());
    for (Item item : batch) {
      if (!refusedByFence(item)) {
        open.add(item);
      }
    }
    if (open.isEmpty()) {
      return;
    }
    List<JournalEntry> entries = new ArrayList<>(open.size());
    boolean forced = false;
    for (Item item : open) {
      entries.add(item.entry());
      forced |= item.done() != null;
    }
    try {
      writer.writeAll(entries, forced);
      open.forEach(item -> {
        if (item.done() != null) {
          item.done().complete(null);
        }
      });
      return;
    } catch (Exception batchFailed) {
      // One bad record (a duplicate, most likely) must not lose the others: write each alone.
    }
    for (int i = 0; i < open.size(); i++) {
      Item item = open.get(i);
      if (i > 0 && refusedByFence(item)) {
        continue;
      }
      try {
        writer.writeOne(item.entry());
        if (item.done() != null) {
          item.done().complete(null);
        }
      } catch (Exception failure) {
        boolean duplicate = writer.isDuplicate(failure);
        RuntimeException reported =
            duplicate
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
                    failure instanceof SQLException sql
                        ? DatabaseErrors.withoutValues(sql)
                        : failure);
        fences.notStored(item.entry(), !duplicate);
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

  /**
   * Refuses a record of a fenced run without writing it (see {@link RunFences}).
   *
   * @return whether the record was refused
   */
  private boolean refusedByFence(Item item) {
    Optional<String> reason = fences.refusal(item.entry());
    if (reason.isEmpty()) {
      return false;
    }
    if (item.done() != null) {
      item.done().completeExceptionally(new IllegalStateException(reason.get()));
    } else {
      LOG.debug("task journal: {}", reason.get());
    }
    return true;
  }

  /**
   * Writes what is queued and held, then stops the writer thread; waits up to ten seconds in all,
   * also when the writer hangs and callers wait for room in the full queue. Closing twice has no
   * further effect. An interrupt does not cut the close short (a writer never told to stop would
   * wait for good, and the records it holds would be lost with the connection closed under it); the
   * caller's interrupt is kept for it.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean interrupted = false;
    try {
      // Callers waiting for room in a full queue hold the gate; should the writer hang, they
      // never let go, so the gate is waited for no longer than the close itself.
      boolean locked = false;
      for (long left = deadline - System.nanoTime();
          !locked && left > 0;
          left = deadline - System.nanoTime()) {
        try {
          locked = gate.writeLock().tryLock(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      boolean first;
      try {
        first = !closed;
        closed = true;
      } finally {
        if (locked) {
          gate.writeLock().unlock();
        }
      }
      // Without room for the stop, the writer stops once it has written what it finds.
      for (long left = deadline - System.nanoTime(); first; left = deadline - System.nanoTime()) {
        try {
          first = !queue.offer(STOP, Math.max(0, left), TimeUnit.NANOSECONDS) && left > 0;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      for (long left = deadline - System.nanoTime();
          left > 0 && thread.isAlive();
          left = deadline - System.nanoTime()) {
        try {
          thread.join(Duration.ofNanos(left));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
