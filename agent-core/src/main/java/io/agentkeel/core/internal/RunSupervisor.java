package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.tools.spi.SideEffect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Holds every run to its hard time budget, whatever its tools, model clients and extensions do. One
 * hand-off per task, not per call: a run's body runs on a (virtual) thread, and its outcome is a
 * future that the run completes, or, if the run overruns, this supervisor does:
 *
 * <ul>
 *   <li>at the deadline the watchdog interrupts the call in progress, and a well-behaved run ends
 *       itself (escalated, time budget spent);
 *   <li>{@link #ABANDON_AFTER} later, a run still going is abandoned: on a platform thread the
 *       supervisor takes over its event recorder, audits why ({@code LimitReached ABANDONED_CALL},
 *       and a {@code ToolFailed ABANDONED} "may still complete" for a write or destructive call in
 *       flight) and the outcome, and completes the future;
 *   <li>{@link #GRACE} after the deadline, if even that did not finish (an audit sink that blocks),
 *       the future is completed with what is known, without waiting for the audit.
 * </ul>
 *
 * So {@code execute}, {@code resume} and a submitted task's future return by deadline + {@link
 * #GRACE}. Deadlines come from the agent's clock at the run's start (the ticker derived from it);
 * enormous budgets saturate and are never scheduled. The timer and the abandoning threads are
 * platform threads, so a tool spinning on every carrier thread cannot delay an outcome.
 */
final class RunSupervisor implements AutoCloseable {

  /** How long a run may take past its deadline before it is abandoned. */
  static final Duration ABANDON_AFTER = Duration.ofMillis(250);

  /** The most any call returns after its run's deadline. */
  static final Duration GRACE = Duration.ofMillis(500);

  /** How often the supervisor looks for overrunning runs; an abandonment may come this late. */
  static final long TICK_MILLIS = 10;

  /** One run under supervision. */
  static final class Supervised extends DeadlineWheel.Entry {
    final RunState run;
    final CompletableFuture<AgentResult> done;
    final long abandonAt;
    final long giveUpAt;
    volatile Thread thread;

    Supervised(RunState run, CompletableFuture<AgentResult> done, long abandonAt, long giveUpAt) {
      this.run = run;
      this.done = done;
      this.abandonAt = abandonAt;
      this.giveUpAt = giveUpAt;
    }
  }

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agentkeel-run-supervisor");
        thread.setDaemon(true);
        return thread;
      });
  private final ExecutorService abandoners =
      Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "agentkeel-abandon");
        thread.setDaemon(true);
        return thread;
      });

  /** Runs in flight, by abandonment time; a run leaves when its body ends or it is abandoned. */
  private final DeadlineWheel active = new DeadlineWheel(System.nanoTime());

  /** Abandoned runs, by the time to give up on their audit; they leave once given up on. */
  private final DeadlineWheel overdue = new DeadlineWheel(System.nanoTime());

  /** Held while runs move between the wheels, so that awaitAll always sees each run. */
  private final Object moving = new Object();

  private final Set<Supervised> unbounded = ConcurrentHashMap.newKeySet();

  RunSupervisor() {
    // One periodic tick rather than timers per run: scheduling and cancelling two timers per task
    // woke the timer thread twice per task, which cost more than the loop itself. The runs wait in
    // a
    // timing wheel, so a tick looks only at the runs that are due: visiting every run in flight on
    // every tick cost more CPU than the runs themselves with 10,000 in flight.
    timer.scheduleAtFixedRate(this::scan, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void scan() {
    long now = System.nanoTime();
    synchronized (moving) {
      for (Supervised supervised : overdue.<Supervised>sweep(now)) {
        giveUp(supervised);
      }
      for (Supervised supervised : active.<Supervised>sweep(now)) {
        overdue.add(supervised, supervised.giveUpAt);
        if (!supervised.done.isDone()) {
          abandoners.execute(() -> abandon(supervised));
        }
      }
    }
  }

  /** Starts a run's body on a new virtual thread; the future completes by deadline + grace. */
  CompletableFuture<AgentResult> start(RunState run, Supplier<AgentResult> body) {
    Supervised supervised = watch(run, new CompletableFuture<>());
    Thread.ofVirtual().name("agentkeel-run").start(() -> runBody(supervised, body, () -> {}));
    return supervised.done;
  }

  /**
   * Runs a run's body on this thread; {@code done} completes by deadline + grace regardless.
   *
   * @param release called once: just before the body's own outcome is published, or when the body
   *     ends if the outcome came otherwise (abandoned); so whoever sees the outcome sees it
   *     released
   */
  void runHere(
      RunState run,
      CompletableFuture<AgentResult> done,
      Supplier<AgentResult> body,
      Runnable release) {
    Supervised supervised;
    try {
      supervised = watch(run, done);
    } catch (RuntimeException | Error e) {
      release.run();
      throw e;
    }
    runBody(supervised, body, release);
  }

  private Supervised watch(RunState run, CompletableFuture<AgentResult> done) {
    long left = Deadline.nanos(run.deadline.left(run.context.clock()));
    long now = System.nanoTime();
    boolean far = left >= Deadline.FAR_NANOS / 2;
    Supervised supervised =
        new Supervised(
            run,
            done,
            far ? Long.MAX_VALUE : now + left + Deadline.nanos(ABANDON_AFTER),
            far ? Long.MAX_VALUE : now + left + Deadline.nanos(GRACE));
    if (!far) {
      active.add(supervised, supervised.abandonAt);
    } else {
      // No practical limit: nothing to watch, but close() still waits for it.
      unbounded.add(supervised);
      done.whenComplete((result, failure) -> unbounded.remove(supervised));
    }
    return supervised;
  }

  private void runBody(Supervised supervised, Supplier<AgentResult> body, Runnable release) {
    supervised.thread = Thread.currentThread();
    Containment.Result<AgentResult> result = Containment.call(body::get);
    supervised.thread = null;
    boolean released = false;
    try {
      if (supervised.run.events.abandoned()) {
        return;
      }
      AgentResult outcome =
          switch (result) {
            case Containment.Returned<AgentResult> returned when returned.value() != null ->
                returned.value();
            case Containment.Returned<AgentResult> nothing ->
                defect(supervised, new IllegalStateException("no result"));
            case Containment.Threw<AgentResult> threw -> defect(supervised, threw.failure());
          };
      released = true;
      release.run();
      supervised.done.complete(outcome);
    } finally {
      if (!released) {
        release.run();
      }
      // After the outcome, so that close() waits for it.
      active.remove(supervised);
    }
  }

  /** A run whose body threw: a defect in core or something it ran that escaped containment. */
  private static AgentResult defect(Supervised supervised, Throwable failure) {
    Containment.logFailure(
        "AgentKeel run", "task " + PrintableText.escape(supervised.run.task.id()), failure);
    String reason =
        "AgentKeel failed internally (" + failure.getClass().getSimpleName() + "); see the log";
    Outcome outcome = new Outcome.Failed(FailureCategory.INTERNAL, reason);
    Containment.Result<Boolean> recorded =
        Containment.call(() -> supervised.run.events.emit(finished(supervised.run, outcome)));
    if (recorded instanceof Containment.Returned<Boolean> r && Boolean.TRUE.equals(r.value())) {
      return new AgentResult(
          supervised.run.task.id(),
          outcome,
          Optional.empty(),
          Optional.empty(),
          reason,
          supervised.run.events.trace());
    }
    return unaudited(supervised.run, outcome, reason, supervised.run.events.snapshot(0));
  }

  private void abandon(Supervised supervised) {
    if (supervised.done.isDone()) {
      return;
    }
    RunState run = supervised.run;
    Thread thread = supervised.thread;
    if (thread != null) {
      thread.interrupt();
    }
    RunState.InFlight call = run.inFlight;
    String what =
        call == null
            ? "the run"
            : "tool '"
                + call.tool()
                + "' ("
                + call.sideEffect().name().toLowerCase(java.util.Locale.ROOT)
                + ")";
    boolean mayComplete = call != null && call.sideEffect() != SideEffect.READ_ONLY;
    String reason =
        "the time budget of "
            + run.workflow.budget().maxDuration()
            + " ran out and "
            + what
            + " ignored it; the run was abandoned"
            + (mayComplete ? "; the call may still complete" : "");
    List<AgentEvent> finals = new ArrayList<>();
    if (call != null) {
      finals.add(
          new AgentEvent.ToolFailed(
              run.task.id(),
              run.context.now(),
              call.tool(),
              call.argumentsJson(),
              ToolFailureKind.ABANDONED,
              reason,
              Duration.ZERO));
    }
    finals.add(
        new AgentEvent.LimitReached(
            run.task.id(), run.context.now(), AgentEvent.Limit.ABANDONED_CALL, reason));
    Outcome outcome = new Outcome.Failed(FailureCategory.INTERNAL, reason);
    finals.add(finished(run, outcome));
    long wait = Deadline.nanos(GRACE.minus(ABANDON_AFTER)) / 2;
    Optional<List<AgentEvent>> trace = run.events.closeForAbandon(finals, wait);
    if (trace.isPresent()) {
      boolean audited = run.events.auditFailure().isEmpty();
      supervised.done.complete(
          new AgentResult(
              run.task.id(),
              audited ? outcome : new Outcome.Failed(FailureCategory.AUDIT_UNAVAILABLE, reason),
              Optional.empty(),
              Optional.empty(),
              reason,
              trace.get()));
    }
  }

  private void giveUp(Supervised supervised) {
    if (supervised.done.isDone()) {
      return;
    }
    RunState run = supervised.run;
    String reason =
        "the run overran its time budget of "
            + run.workflow.budget().maxDuration()
            + " and its end could not be audited within "
            + GRACE.toMillis()
            + " ms; it was abandoned";
    run.events.markAbandoned();
    supervised.done.complete(
        unaudited(
            run,
            new Outcome.Failed(FailureCategory.AUDIT_UNAVAILABLE, reason),
            reason,
            run.events.snapshot(0)));
  }

  private static AgentEvent.TaskFinished finished(RunState run, Outcome outcome) {
    return new AgentEvent.TaskFinished(
        run.task.id(),
        run.context.now(),
        outcome,
        Duration.ofNanos(System.nanoTime() - run.startedNanos),
        run.counters.tokens(),
        run.counters.steps());
  }

  /** A result whose end is in its trace but could not be given to the audit sinks. */
  static AgentResult unaudited(
      RunState run, Outcome outcome, String reason, List<AgentEvent> seen) {
    List<AgentEvent> trace = new ArrayList<>(seen);
    trace.add(finished(run, outcome));
    return new AgentResult(
        run.task.id(), outcome, Optional.empty(), Optional.empty(), reason, trace);
  }

  /** Waits until every supervised run has its outcome; each is bounded by deadline + grace. */
  void awaitAll() {
    List<Supervised> all;
    synchronized (moving) {
      all = new ArrayList<>(active.<Supervised>snapshot());
      all.addAll(overdue.<Supervised>snapshot());
    }
    all.addAll(unbounded);
    for (Supervised supervised : all) {
      Containment.call(supervised.done::join);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    abandoners.shutdown();
  }
}
