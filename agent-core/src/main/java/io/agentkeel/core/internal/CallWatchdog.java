package io.agentkeel.core.internal;

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
 *
 * <p>The watches wait in a {@link DeadlineWheel} by the time at which each must next be checked, so
 * a tick looks only at those that are due, not at every thread watched: with 10,000 runs in flight,
 * visiting each one every tick cost more CPU than the runs themselves. A watch is checked no later
 * than its call's deadline plus {@link #SLACK_NANOS} plus the wheel's resolution; a later call with
 * a later deadline does not move it, so most calls touch no shared structure.
 */
final class CallWatchdog implements AutoCloseable {

  /**
   * How often deadlines are checked, and so (with {@link #SLACK_NANOS} and {@link
   * DeadlineWheel#RESOLUTION_NANOS}) how late an interrupt may come.
   */
  static final long TICK_MILLIS = 5;

  /**
   * How far a watch's next check may lie past its call's deadline without being moved: the
   * deadlines of one run's calls, derived from the agent's clock each time, differ by microseconds.
   */
  static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final DeadlineWheel due = new DeadlineWheel(System.nanoTime());
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
    return new Watch(Thread.currentThread());
  }

  private void interruptOverdue() {
    long now = System.nanoTime();
    for (Watch watch : due.<Watch>sweep(now)) {
      watch.check(now);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  /**
   * The watch over one thread's calls. The call's state is lock-free: {@code IDLE -> ARMED} on arm,
   * {@code ARMED -> FIRING -> FIRED} when the watchdog interrupts, back to {@code IDLE} on disarm.
   * Disarm waits out the short {@code FIRING} window, so an interrupt is never delivered after the
   * call's disarm.
   *
   * <p>The watch's place among the watchdog's due watches ({@code queued}, {@code checkAt}) changes
   * only under the watch's lock. An arm whose deadline is not before the watch's next check takes
   * no lock: it writes its state, then reads {@code queued}; a check writes {@code queued}, then
   * reads the state. So either the arm sees the watch unqueued and queues it, or the check sees the
   * call armed and queues it again.
   */
  final class Watch extends DeadlineWheel.Entry implements AutoCloseable {
    private static final int IDLE = 0;
    private static final int ARMED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    private final Thread thread;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile long deadlineNanos;
    private volatile long checkAt;
    private volatile boolean queued;
    private boolean closed;

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
      if (!queued || checkAt - deadline > SLACK_NANOS) {
        synchronized (this) {
          if (!closed && (!queued || checkAt - deadline > SLACK_NANOS)) {
            requeue(deadline);
          }
        }
      }
    }

    /** Puts this watch among the due ones, to be checked at {@code at}; under the lock. */
    private void requeue(long at) {
      if (queued) {
        due.remove(this);
      }
      checkAt = at;
      due.add(this, at);
      queued = true;
    }

    /** The watchdog's check, once a sweep has taken this watch out at {@link #checkAt}. */
    private synchronized void check(long now) {
      if (!queued || now - checkAt < 0) {
        return;
      }
      due.remove(this);
      queued = false;
      if (state.get() != ARMED) {
        return;
      }
      long deadline = deadlineNanos;
      if (now - deadline < 0) {
        requeue(deadline);
      } else if (state.compareAndSet(ARMED, FIRING)) {
        thread.interrupt();
        state.set(FIRED);
      }
    }

    /**
     * Stops watching the call; clears the thread's interrupt, whether this watch caused it or the
     * call left it (a tool that interrupts its own thread), so it does not leak into the rest of
     * the task: every later blocking call (the next model, an audit sink) would fail at once.
     *
     * @return whether the deadline passed while the call ran
     */
    boolean disarm() {
      while (true) {
        int current = state.get();
        if (current == FIRING) {
          Thread.onSpinWait();
        } else if (state.compareAndSet(current, IDLE)) {
          Thread.interrupted();
          return current == FIRED;
        }
      }
    }

    @Override
    public void close() {
      disarm();
      synchronized (this) {
        closed = true;
        if (queued) {
          due.remove(this);
          queued = false;
        }
      }
    }
  }
}
