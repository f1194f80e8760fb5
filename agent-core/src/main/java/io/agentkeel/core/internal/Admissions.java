package io.agentkeel.core.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls and submitted tasks an agent let in and that have not ended, so that closing
 * waits for each: a run let in just before the close but not yet under the {@link RunSupervisor}
 * would otherwise go on after the watchdog and the supervisor stopped, with no deadline held.
 *
 * <p>Lock-free on the way in: {@link #enter} raises the count before it reads the closed flag, and
 * {@link #closeAndAwait} sets the flag before it reads the count, so either the close waits for the
 * call or the call sees the agent closed. Thread-safe.
 *
 * <p>A submitted task leaves through {@link #leaveCompleting}: its caller's future is completed
 * while the task still counts, so that a close returns only once every such future is done. A
 * callback of that future may itself close the agent, on the thread completing it: that close does
 * not wait for the admissions its own thread holds while completing futures, which end as soon as
 * it returns.
 */
final class Admissions {
  private final AtomicInteger admitted = new AtomicInteger();
  // How many admissions the current thread holds while it completes submitted tasks' futures.
  private final ThreadLocal<int[]> completing = ThreadLocal.withInitial(() -> new int[1]);
  private volatile boolean closed;

  /**
   * Lets a call in.
   *
   * @return false, letting nothing in, once the agent is closed
   */
  boolean enter() {
    admitted.incrementAndGet();
    if (closed) {
      leave();
      return false;
    }
    return true;
  }

  /** Ends a call let in by {@link #enter}; call once for each. */
  void leave() {
    admitted.decrementAndGet();
    if (closed) {
      synchronized (admitted) {
        admitted.notifyAll();
      }
    }
  }

  /**
   * Runs what completes a submitted task's future, then ends the task's admission.
   *
   * @param complete completes the future, running its callbacks on this thread
   */
  void leaveCompleting(Runnable complete) {
    int[] held = completing.get();
    held[0]++;
    try {
      complete.run();
    } finally {
      held[0]--;
      leave();
    }
  }

  /**
   * Lets nothing in any more and waits, without giving up on an interrupt, for every call in but
   * those whose futures this thread is completing (a close called by one of their callbacks).
   */
  void closeAndAwait() {
    closed = true;
    int own = completing.get()[0];
    boolean interrupted = false;
    synchronized (admitted) {
      while (admitted.get() > own) {
        try {
          admitted.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
