package io.agentkeel.cluster;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import io.agentkeel.api.Agent;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Task;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.cluster.internal.TaskMessages;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent instance consuming a {@link RabbitTaskQueue}. Each delivered task runs on its own
 * virtual thread, at most {@code concurrency} at once, and its message is acknowledged once it has
 * an outcome. What a delivery leads to depends on the shared task journal, not on the broker's
 * redelivered flag:
 *
 * <ul>
 *   <li>no record of the task: it runs ({@link Agent#execute});
 *   <li>records without an outcome: an instance that ran it died, and this one takes it over
 *       ({@link Agent#recover(String)}): recorded replies and results are reused, and a write that
 *       may already have run goes to a person;
 *   <li>an outcome: the instance that ran it died after storing it and before acknowledging; the
 *       message is acknowledged and nothing runs.
 * </ul>
 *
 * <p>A decision on a review is claimed exactly once, but a claim is not a lease: an instance that
 * dies between claiming a decision and resuming the task takes the decision with it. Every {@code
 * reviewSweep} (see {@link RabbitTaskQueue.Builder#reviewSweep}) the worker finds such tasks (their
 * journal ends waiting for a request the review queue no longer holds) and continues them, which
 * asks a person again.
 *
 * <p>If running the task throws (the agent was closed, say), the message is returned to the queue
 * for another instance, and this worker stops taking tasks. A journal that cannot be read returns
 * the message to the queue a second later, and the worker goes on.
 */
public final class QueueWorker implements AutoCloseable {
  private static final Pattern UNSAFE_IN_LOG = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

  private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

  private final Channel channel;
  private final String queue;
  private final Agent agent;
  private final TaskJournal journal;
  private final String consumerTag;
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantLock settling = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final AtomicLong executed = new AtomicLong();
  private final AtomicLong takenOver = new AtomicLong();
  private final AtomicLong resuspended = new AtomicLong();
  private final Duration reviewSweep;
  private final java.util.concurrent.atomic.AtomicBoolean cancelled =
      new java.util.concurrent.atomic.AtomicBoolean();
  private int running;

  QueueWorker(
      Channel channel,
      String queue,
      Agent agent,
      TaskJournal journal,
      int concurrency,
      Duration reviewSweep)
      throws IOException {
    this.channel = channel;
    this.queue = queue;
    this.agent = agent;
    this.journal = journal;
    this.reviewSweep = reviewSweep;
    channel.basicQos(concurrency);
    channel.addShutdownListener(cause -> {
      if (!cause.isInitiatedByApplication()) {
        LOG.error(
            "queue {}: the channel to RabbitMQ closed ({}); this instance takes no more tasks, and"
                + " those it held go to other instances",
            queue,
            cause.getMessage());
      }
    });
    this.consumerTag =
        channel.basicConsume(
            queue,
            false,
            this::delivered,
            tag -> {
              LOG.error(
                  "queue {}: the broker cancelled this consumer (the queue was deleted?); this"
                      + " instance takes no more tasks",
                  queue);
              cancelled.set(true);
            });
    if (!reviewSweep.isZero()) {
      Thread.ofVirtual().name("agentkeel-review-sweep").start(() -> sweep(reviewSweep));
    }
  }

  private void delivered(String tag, Delivery delivery) {
    long deliveryTag = delivery.getEnvelope().getDeliveryTag();
    Task task;
    try {
      task = TaskMessages.task(delivery.getProperties(), delivery.getBody());
    } catch (RuntimeException e) {
      LOG.warn(
          "queue {}: a message is not a task ({}); it goes to {}.dead",
          queue,
          safe(String.valueOf(e.getMessage())),
          queue);
      settle(deliveryTag, false, false);
      return;
    }
    lock.lock();
    try {
      running++;
    } finally {
      lock.unlock();
    }
    Thread.ofVirtual().name("agentkeel-queue-" + deliveryTag).start(() -> run(task, deliveryTag));
  }

  private void run(Task task, long deliveryTag) {
    boolean done = false;
    try {
      Optional<List<JournalEntry>> read = journalOf(task);
      if (read.isEmpty()) {
        return;
      }
      List<JournalEntry> entries = read.get();
      if (entries.isEmpty()) {
        agent.execute(task);
        executed.incrementAndGet();
        done = true;
      } else if (entries.getLast().kind() == JournalEntry.Kind.SUSPENDED) {
        // The task waits for a person; the shared review queue hands the decision to one
        // instance, exactly once. Recovering it here would race with that resume.
        LOG.debug("queue {}: task {} waits in review", queue, safe(task.id()));
        done = true;
      } else if (entries.getLast().kind() != JournalEntry.Kind.ENDED) {
        LOG.info(
            "queue {}: taking over task {} from its journal ({} records)",
            queue,
            safe(task.id()),
            entries.size());
        if (agent.recover(task.id()).isPresent()) {
          takenOver.incrementAndGet();
          done = true;
        } else {
          // Nothing was continued: the journal could not be read just now, or the task runs on
          // this instance after a duplicate delivery. Acknowledged only if the journal now shows
          // an outcome or a wait for a person; otherwise the message goes back to the queue.
          List<JournalEntry> now = journalOf(task).orElse(List.of());
          done =
              !now.isEmpty()
                  && (now.getLast().kind() == JournalEntry.Kind.ENDED
                      || now.getLast().kind() == JournalEntry.Kind.SUSPENDED);
        }
      } else {
        done = true;
      }
      if (done) {
        return;
      }
      LOG.warn(
          "queue {}: task {} was not continued here; it goes back to the queue in a second",
          queue,
          safe(task.id()));
      pause(Duration.ofSeconds(1)); // not a tight loop of redeliveries while its run goes on
    } catch (RuntimeException e) {
      // Agent.execute never throws for what happens in a task: this instance cannot run tasks
      // (its agent is closed, say). It stops taking them, so the queue does not bounce them here
      // until their delivery limit dead-letters them.
      LOG.warn(
          "queue {}: task {} could not be run here ({}); it goes back to the queue and this"
              + " instance stops taking tasks",
          queue,
          safe(task.id()),
          e.toString());
      cancel();
    } finally {
      settle(deliveryTag, done, true);
      lock.lock();
      try {
        running--;
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * A task's journal, or empty if it cannot be read just now (its database restarting, say, or a
   * row this version cannot read): the task then goes back to the queue in a second, and this
   * worker goes on, since the journal is not this instance's own failure. A task whose journal is
   * never readable is dead-lettered by the delivery limit.
   */
  private Optional<List<JournalEntry>> journalOf(Task task) {
    try {
      return Optional.of(journal.read(task.id()));
    } catch (RuntimeException e) {
      LOG.warn(
          "queue {}: the journal of task {} cannot be read ({}); it goes back to the queue in a"
              + " second",
          queue,
          safe(task.id()),
          e.toString());
      pause(Duration.ofSeconds(1));
      return Optional.empty();
    }
  }

  /**
   * Every so often, sends back to review the tasks whose decision was claimed by an instance that
   * died before it resumed them: their journal ends waiting for a request that is no longer in the
   * review queue. {@link Agent#recover(String)} leaves a task whose request still waits alone; a
   * resume still going on elsewhere is fenced by the journal (one of the two runs stops).
   */
  private void sweep(Duration interval) {
    java.util.Map<String, String> missingBefore = new java.util.HashMap<>();
    while (pause(interval)) {
      try {
        java.util.Map<String, String> missingNow = new java.util.HashMap<>();
        for (String taskId : journal.unfinished()) {
          if (cancelled.get()) {
            return;
          }
          List<JournalEntry> entries = journal.read(taskId);
          if (entries.isEmpty() || entries.getLast().kind() != JournalEntry.Kind.SUSPENDED) {
            continue;
          }
          String request = entries.getLast().key();
          // Seen waiting for the same request on two sweeps in a row: a resume that claimed it
          // would have recorded itself long since (within seconds), so its instance died.
          if (!request.equals(missingBefore.get(taskId))) {
            missingNow.put(taskId, request);
            continue;
          }
          agent
              .recover(taskId)
              .filter(r ->
                  r.outcome() instanceof io.agentkeel.api.Outcome.InReview
                      || r.outcome() instanceof io.agentkeel.api.Outcome.Escalated)
              .ifPresent(r -> {
                resuspended.incrementAndGet();
                LOG.info(
                    "queue {}: task {} waited for a decision claimed by an instance that died;"
                        + " it was sent to review again",
                    queue,
                    safe(taskId));
              });
        }
        missingBefore = missingNow;
      } catch (RuntimeException e) {
        LOG.warn("queue {}: the review sweep failed ({}); it tries again", queue, e.toString());
      }
    }
  }

  /**
   * Waits, in small steps so that a cancel is seen soon, without interrupting: an interrupt on a
   * virtual thread in socket I/O would close the journal's shared connection.
   *
   * @return false once the worker was cancelled
   */
  private boolean pause(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    while (!cancelled.get()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, 50_000_000L));
    }
    return false;
  }

  /**
   * A task id fit for a log line: control characters (C0 and C1), format characters (bidirectional
   * overrides, zero-width characters) and line and paragraph separators replaced, so that an id can
   * neither break a line nor read as something else.
   */
  static String safe(String id) {
    return UNSAFE_IN_LOG.matcher(id).replaceAll("?");
  }

  /** Acknowledges, or returns / dead-letters, one message; a closed channel has returned it. */
  private void settle(long deliveryTag, boolean ack, boolean requeue) {
    try {
      settling.lock();
      try {
        if (ack) {
          channel.basicAck(deliveryTag, false);
        } else {
          channel.basicReject(deliveryTag, requeue);
        }
      } finally {
        settling.unlock();
      }
    } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
      LOG.warn(
          "queue {}: could not settle a delivery ({}); the broker delivers it again",
          queue,
          e.toString());
    }
  }

  /** Stops the deliveries to this worker; those it holds stay its own until settled. */
  private void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      try {
        channel.basicCancel(consumerTag);
      } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
        LOG.debug("queue {}: cancel failed: {}", queue, e.toString());
      }
    }
  }

  /**
   * Whether this worker still takes tasks: false once it was closed, stopped after a task could not
   * be run here, or lost its channel to the broker. A health check can restart the instance then.
   *
   * @return whether deliveries still come
   */
  public boolean consuming() {
    return !cancelled.get() && channel.isOpen();
  }

  /**
   * Tasks the review sweep continued because their claimed decision was lost with an instance.
   *
   * @return the count
   */
  public long resuspended() {
    return resuspended.get();
  }

  /**
   * Tasks this worker ran from the start.
   *
   * @return the count
   */
  public long executed() {
    return executed.get();
  }

  /**
   * Tasks this worker continued from their journal after another instance died.
   *
   * @return the count
   */
  public long takenOver() {
    return takenOver.get();
  }

  /**
   * Stops taking tasks and waits for the running ones to reach their outcome.
   *
   * @param timeout how long to wait; tasks still running then lose their messages to other
   *     instances when the channel closes
   * @return whether every running task finished in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean close(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      cancel();
      long nanos = timeout.toNanos();
      while (running > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      return running == 0;
    } finally {
      lock.unlock();
      try {
        if (channel.isOpen()) {
          channel.close();
        }
      } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
        LOG.debug("queue {}: channel close failed: {}", queue, e.toString());
      }
    }
  }

  /** Stops taking tasks and waits up to a minute for the running ones. */
  @Override
  public void close() {
    try {
      close(Duration.ofMinutes(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
