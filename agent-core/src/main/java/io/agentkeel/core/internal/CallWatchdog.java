package io.agentkeel.core.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces the deadlines of model and tool calls that run on the task's own thread: every few
 * milliseconds one daemon thread interrupts the threads whose call is past its deadline.
 *
 * <p>Calls run inline rather than on a thread of their own because handing each call to another
 * thread and back costs tens of microseconds per call when the caller is a platform thread, far
 * more than the loop itself. The price: a call that ignores interruption (a busy loop, a
 * non-interruptible read) holds its task past the deadline; blocking I/O and sleeps on virtual and
 * platform threads do respond. JUnit's default same-thread {@code @Timeout} makes the same trade.
 */
final class CallWatchdog implements AutoCloseable {

  /** How often deadlines are checked, and so how late an interrupt may come at most. */
  static final long TICK_MILLIS = 5;

  private final Set<Watch> active = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agentkeel-call-watchdog");
        thread.setDaemon(true);
        return thread;
      });

  CallWatchdog() {
    ticker.scheduleAtFixedRate(
        this::interruptOverdue, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Watches the calling thread, one call at a time, until the watch is closed.
   *
   * @return the watch; arm it around each call
   */
  Watch watchCurrentThread() {
    Watch watch = new Watch(Thread.currentThread());
    active.add(watch);
    return watch;
  }

  private void interruptOverdue() {
    long now = System.nanoTime();
    for (Watch watch : active) {
      watch.interruptIfOverdue(now);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  /**
   * The watch over one thread's calls. Lock-free: {@code IDLE -> ARMED} on arm, {@code ARMED ->
   * FIRING -> FIRED} when the watchdog interrupts, back to {@code IDLE} on disarm. Disarm waits out
   * the short {@code FIRING} window, so an interrupt is never delivered after the call's disarm.
   */
  final class Watch implements AutoCloseable {
    private static final int IDLE = 0;
    private static final int ARMED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    private final Thread thread;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile long deadlineNanos;

    private Watch(Thread thread) {
      this.thread = thread;
    }

    /**
     * Starts watching a call.
     *
     * @param deadline the {@link System#nanoTime()} after which the thread is interrupted
     */
    void arm(long deadline) {
      deadlineNanos = deadline;
      state.set(ARMED);
    }

    /**
     * Stops watching the call; clears an interrupt this watch caused, so it does not leak into the
     * rest of the task.
     *
     * @return whether the deadline passed while the call ran
     */
    boolean disarm() {
      while (true) {
        int current = state.get();
        if (current == FIRING) {
          Thread.onSpinWait();
        } else if (state.compareAndSet(current, IDLE)) {
          if (current == FIRED) {
            Thread.interrupted();
            return true;
          }
          return false;
        }
      }
    }

    private void interruptIfOverdue(long now) {
      if (state.get() == ARMED && now - deadlineNanos >= 0 && state.compareAndSet(ARMED, FIRING)) {
        thread.interrupt();
        state.set(FIRED);
      }
    }

    @Override
    public void close() {
      disarm();
      active.remove(this);
    }
  }
}
