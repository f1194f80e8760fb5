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
 */
final class Admissions {
  private final AtomicInteger admitted = new AtomicInteger();
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
    if (admitted.decrementAndGet() == 0 && closed) {
      synchronized (admitted) {
        admitted.notifyAll();
      }
    }
  }

  /** Lets nothing in any more and waits, without giving up on an interrupt, for every call in. */
  void closeAndAwait() {
    closed = true;
    boolean interrupted = false;
    synchronized (admitted) {
      while (admitted.get() > 0) {
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
