package io.agentkeel.core.internal;

import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Task;
import io.agentkeel.core.TaskScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs submitted tasks on virtual threads, at most {@code concurrency} at once, highest score first
 * and, among equal scores, in submission order.
 */
final class IntakeExecutor {
  private record Queued(Task task, double score, long sequence, CompletableFuture<AgentResult> done)
      implements Comparable<Queued> {
    @Override
    public int compareTo(Queued other) {
      int byScore = Double.compare(other.score, score);
      return byScore != 0 ? byScore : Long.compare(sequence, other.sequence);
    }
  }

  private final PriorityBlockingQueue<Queued> queue = new PriorityBlockingQueue<>();
  private final Semaphore running;
  private final int concurrency;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger waiting = new AtomicInteger();
  private final TaskScorer scorer;
  private final BiConsumer<Task, CompletableFuture<AgentResult>> runner;
  private final Function<Task, AgentResult> cancelled;
  private final Thread dispatcher;
  private volatile boolean closed;

  IntakeExecutor(
      int concurrency,
      TaskScorer scorer,
      BiConsumer<Task, CompletableFuture<AgentResult>> runner,
      Function<Task, AgentResult> cancelled) {
    this.concurrency = concurrency;
    this.running = new Semaphore(concurrency);
    this.scorer = scorer;
    this.runner = runner;
    this.cancelled = cancelled;
    this.dispatcher = Thread.ofVirtual().name("agentkeel-intake").unstarted(this::dispatch);
  }

  void start() {
    dispatcher.start();
  }

  CompletableFuture<AgentResult> submit(Task task) {
    CompletableFuture<AgentResult> done = new CompletableFuture<>();
    // Whatever the scorer throws, Errors included, submit does not: the task is scored 0.
    double score = Containment.orElse("task scorer", scorer, () -> scorer.score(task), () -> 0.0);
    Queued queued = new Queued(task, score, sequence.getAndIncrement(), done);
    // Nothing waits and a slot is free: start now. Order by score matters only once tasks queue.
    if (waiting.get() == 0 && !closed && running.tryAcquire()) {
      start(queued);
      return done;
    }
    waiting.incrementAndGet();
    queue.add(queued);
    if (closed) {
      cancelQueued();
    }
    return done;
  }

  private void start(Queued next) {
    Thread.ofVirtual()
        .start(() -> {
          try {
            runner.accept(next.task(), next.done());
          } finally {
            running.release();
          }
        });
  }

  private void dispatch() {
    try {
      while (!closed) {
        running.acquire();
        Queued next;
        try {
          next = queue.take();
          waiting.decrementAndGet();
        } catch (InterruptedException e) {
          running.release();
          throw e;
        }
        start(next);
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  /** Stops taking tasks and cancels the queued ones; running ones are the agent's to wait for. */
  void close() {
    closed = true;
    dispatcher.interrupt();
    cancelQueued();
  }

  private void cancelQueued() {
    List<Queued> left = new ArrayList<>();
    queue.drainTo(left);
    waiting.addAndGet(-left.size());
    for (Queued queued : left) {
      queued.done().complete(cancelled.apply(queued.task()));
    }
  }
}
