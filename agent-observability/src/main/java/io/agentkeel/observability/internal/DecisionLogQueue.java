package io.agentkeel.observability.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the decision log on one background thread, so that a task pays only for handing its events
 * over: building a JSON line and the appender's encoding run off the task's thread, as the
 * OpenTelemetry SDK's batch processor does for spans. The metrics are recorded on the same thread
 * (the events' {@code alongside} listener, and the model calls' measures handed over with {@link
 * #later}), each event before its line.
 *
 * <p>The thread does not wake for every event: it sleeps until a flush or close asks for it, a task
 * finds the queue full, or {@value #MAX_DELAY_MILLIS} ms pass, and then writes all that waits. A
 * task's hand-over is an enqueue, never a wake-up of another thread (which costs both threads
 * several microseconds of CPU) nor a write to a counter the thread also writes, and lines appear at
 * most that long after their event.
 *
 * <p>Nothing is dropped. The queue is bounded; when it is full, the task waits for room. Lines keep
 * the order in which events were delivered. {@link #flush} returns once every event delivered
 * before it is written; {@link #close} flushes and stops the thread. If the thread has died (an
 * appender threw an {@link Error}), the line being written is lost and every other is written on
 * the callers' threads instead, in order. An interrupt cuts short neither a task's wait for room
 * nor a flush or close (it is kept for the caller): giving up would write lines out of order.
 */
public final class DecisionLogQueue implements AgentEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionLogQueue.class);
  private static final int BATCH = 4096;
  private static final long MAX_DELAY_MILLIS = 20;
  private static final long FLUSH_WAIT_SECONDS = 30;

  private final DecisionLogWriter writer;
  private final AgentEventListener alongside;
  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private final Queue<Object> leftover = new ConcurrentLinkedQueue<>();
  // The writer thread's line buffer, reused for every line it builds.
  private final StringBuilder scratch = new StringBuilder(1024);
  private volatile boolean closed;
  // Set by the writer thread once it takes nothing more from the queue (it reached close's stop,
  // or it dies), before it says so: what waits in the queue is then the callers' to write, even
  // while the thread has not ended yet.
  private volatile boolean stopped;

  /** A mark in the queue: counted down once everything before it is written. */
  private record Flush(CountDownLatch done) {}

  /** The last item the thread takes. */
  private record Stop(CountDownLatch done) {}

  /**
   * Starts the writer thread, which also hands every event to another listener before its line.
   *
   * @param writer formats and logs the lines
   * @param alongside given every event on the writer thread, before its line is written (the
   *     metrics); null for none
   * @param capacity how many events may wait; a task waits when they are this many
   */
  public DecisionLogQueue(DecisionLogWriter writer, AgentEventListener alongside, int capacity) {
    this(
        writer,
        alongside,
        capacity,
        Thread.ofPlatform().name("agentkeel-decision-log").daemon().factory());
  }

  /** As the public constructor, with the writer thread made by a given factory (for tests). */
  DecisionLogQueue(
      DecisionLogWriter writer, AgentEventListener alongside, int capacity, ThreadFactory threads) {
    this.writer = writer;
    this.alongside = alongside;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = threads.newThread(this::run);
    thread.start();
  }

  @Override
  public void onEvent(AgentEvent event, RunContext context) {
    DecisionLogWriter.Entry entry = writer.capture(event, context);
    if (!closed && hand(entry)) {
      return;
    }
    writeWaiting();
    write(entry, new StringBuilder(640));
  }

  /**
   * Writes, on the caller's thread, what the writer thread left when it died or was stopped. While
   * the thread still takes from the queue (an appender stuck past close's wait) the queue stays its
   * own: draining it here would write lines out of order and take its stop mark.
   */
  private void writeWaiting() {
    synchronized (leftover) {
      for (Object item = leftover.poll(); item != null; item = leftover.poll()) {
        handle(item);
      }
      if (stopped || !thread.isAlive()) {
        List<Object> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(this::handle);
      }
    }
  }

  /**
   * Runs a write after everything delivered before it, on the writer thread: feedback lines keep
   * their place after the lines of the task rated. Also what the interceptors hand over for the
   * metrics.
   *
   * @param write the write
   */
  public void later(Runnable write) {
    if (closed || !hand(write)) {
      writeWaiting();
      write.run();
    }
  }

  private boolean hand(Object item) {
    if (stopped || !thread.isAlive()) {
      return false;
    }
    if (!queue.offer(item) && !awaitRoom(item)) {
      return false;
    }
    // The writer may have taken its last batch between the check and the offer: then the item
    // waits where no one takes it, and is written here, after what waits before it.
    if (stopped) {
      writeWaiting();
    }
    return true;
  }

  /**
   * Waits for room in a full queue, making sure the thread is writing. An interrupt does not end
   * the wait (the line would then be written on this thread, before older ones); it is kept.
   *
   * @return whether the item was queued; false if the writer stopped first
   */
  private boolean awaitRoom(Object item) {
    boolean interrupted = false;
    try {
      while (!stopped && thread.isAlive()) {
        LockSupport.unpark(thread);
        try {
          if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
            return true;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return false;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void flush() {
    Flush mark = new Flush(new CountDownLatch(1));
    if (!closed && hand(mark)) {
      LockSupport.unpark(thread);
      await(mark.done());
    } else {
      // Closed, or the thread died: what it left is written here.
      writeWaiting();
    }
  }

  @Override
  public void close() {
    Stop stop = new Stop(new CountDownLatch(1));
    if (hand(stop)) {
      LockSupport.unpark(thread);
      await(stop.done());
    }
    closed = true;
    // Whatever raced in between the stop and closed is written here, on the caller's thread.
    writeWaiting();
  }

  /**
   * Waits until the mark is reached, the thread dies (then writes what it left) or the wait's bound
   * passes. An interrupt does not cut the wait short, so that flush and close keep their promise on
   * a thread being shut down; it is kept for the caller.
   */
  private void await(CountDownLatch done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLUSH_WAIT_SECONDS);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (done.await(50, TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
          continue;
        }
        if (!thread.isAlive()) {
          writeWaiting();
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          LOG.warn(
              "the decision log was not flushed within {} s: its appender is slow or stuck",
              FLUSH_WAIT_SECONDS);
          return;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    List<Object> batch = new ArrayList<>(BATCH);
    int written = 0;
    boolean ended = false;
    try {
      while (true) {
        batch.clear();
        written = 0;
        if (queue.drainTo(batch, BATCH) == 0) {
          LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(MAX_DELAY_MILLIS));
          if (Thread.interrupted()) {
            ended = true;
            return;
          }
          continue;
        }
        Stop stop = null;
        for (Object item : batch) {
          if (item instanceof Stop s) {
            stop = s;
          } else if (item instanceof DecisionLogWriter.Entry entry) {
            write(entry, scratch);
          } else {
            handle(item);
          }
          written++;
        }
        if (stop != null) {
          // After the whole batch: close() writes what follows, in order, on its own thread.
          ended = true;
          stopped = true;
          stop.done().countDown();
          return;
        }
      }
    } finally {
      if (!ended) {
        // An Error from an appender ended the thread: the line being written is lost, the rest of
        // the batch and the queue are written by the next caller.
        leftover.addAll(batch.subList(Math.min(written + 1, batch.size()), batch.size()));
        LOG.warn(
            "the decision log's writer thread died; lines are now written on the tasks' threads");
      }
      stopped = true;
    }
  }

  private void write(DecisionLogWriter.Entry entry, StringBuilder buffer) {
    if (alongside != null) {
      try {
        alongside.onEvent(entry.event(), entry.context());
      } catch (RuntimeException e) {
        LOG.warn(
            "observability's {} failed on a {} event: {}",
            alongside.getClass().getSimpleName(),
            entry.event().getClass().getSimpleName(),
            e.getClass().getName());
      }
    }
    try {
      writer.write(entry, buffer);
    } catch (RuntimeException e) {
      LOG.warn(
          "the decision log could not write a {} event: {}",
          entry.event().getClass().getSimpleName(),
          e.getClass().getName());
    }
  }

  private void handle(Object item) {
    switch (item) {
      case Flush mark -> mark.done().countDown();
      case Stop stop -> stop.done().countDown();
      case DecisionLogWriter.Entry entry -> write(entry, new StringBuilder(640));
      case Runnable write -> {
        try {
          write.run();
        } catch (RuntimeException e) {
          LOG.warn("the decision log could not write a line: {}", e.getClass().getName());
        }
      }
      default -> throw new IllegalStateException("unexpected item " + item.getClass());
    }
  }
}
