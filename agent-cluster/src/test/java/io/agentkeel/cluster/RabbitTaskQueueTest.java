package io.agentkeel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryTaskJournal;
import io.agentkeel.testkit.LocalServers;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The distributed intake on a real RabbitMQ: three agent instances in one JVM, one queue. */
class RabbitTaskQueueTest {

  private static final int PER_INSTANCE = 3;

  private final TaskJournal journal = new InMemoryTaskJournal();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private String queueName;

  @org.junit.jupiter.api.AfterEach
  void deleteQueues() {
    try (RabbitTaskQueue queue = queue()) {
      queue.deleteQueues();
    }
  }

  @BeforeEach
  void rabbit() {
    LocalServers.require("RabbitMQ", 5672);
    queueName = LocalServers.uniquePrefix("akcluster") + "tasks";
  }

  @Test
  void everyTaskRunsOnceOnSomeInstanceWithinEachInstancesConcurrency() throws Exception {
    List<Instance> instances = new ArrayList<>();
    try (RabbitTaskQueue queue = queue()) {
      for (int i = 0; i < 3; i++) {
        instances.add(new Instance(queue(), Duration.ofMillis(20)));
      }
      List<CompletableFuture<Void>> confirmed = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        confirmed.add(queue.submit(task("task-" + i)));
      }
      CompletableFuture.allOf(confirmed.toArray(CompletableFuture[]::new))
          .get(10, TimeUnit.SECONDS);
      awaitOutcomes(60);
    } finally {
      instances.forEach(Instance::close);
    }
    assertThat(runs).hasSize(60);
    assertThat(runs.values())
        .allSatisfy(n -> assertThat(n.get()).as("runs of a task").isEqualTo(1));
    assertThat(outcomes.values())
        .allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Completed.class));
    for (Instance instance : instances) {
      assertThat(instance.maxConcurrent.get())
          .as("tasks at once on one instance")
          .isLessThanOrEqualTo(PER_INSTANCE);
    }
    assertThat(instances.stream().mapToLong(i -> i.worker.executed()).sum()).isEqualTo(60);
    assertThat(instances)
        .as("the work was spread")
        .allSatisfy(i -> assertThat(i.worker.executed()).isPositive());
    for (int i = 0; i < 60; i++) {
      assertThat(journal.read("task-" + i).getLast().kind()).isEqualTo(JournalEntry.Kind.ENDED);
    }
  }

  @Test
  void aTaskWhoseInstanceCannotRunItGoesBackToTheQueueForAnother() throws Exception {
    try (RabbitTaskQueue queue = queue()) {
      Instance closed = new Instance(queue(), Duration.ZERO);
      closed.agent.close(); // execute now throws: the delivery must not be lost
      queue.submit(task("task-bounced")).get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (closed.worker.consuming()) {
        assertThat(System.nanoTime()).as("the closed instance bounced it").isLessThan(deadline);
        Thread.sleep(10);
      }
      Instance healthy = new Instance(queue(), Duration.ZERO);
      try {
        awaitOutcomes(1);
      } finally {
        closed.close();
        healthy.close();
      }
      assertThat(outcomes).containsOnlyKeys("task-bounced");
      assertThat(healthy.worker.executed()).isEqualTo(1);
      assertThat(closed.worker.consuming())
          .as("the instance that could not run it stopped")
          .isFalse();
    }
  }

  /**
   * A journal that cannot be read for a moment (its database restarting, say) sends the task back
   * to the queue and the instance goes on: the worker took the failure for an agent that cannot run
   * tasks and stopped consuming, so one outage stopped every instance a task reached meanwhile, and
   * a task with a malformed journal stopped each instance it was delivered to.
   */
  @Test
  void aJournalThatCannotBeReadForAMomentDoesNotStopTheInstance() throws Exception {
    AtomicInteger failedReads = new AtomicInteger();
    TaskJournal outage =
        new TaskJournal() {
          @Override
          public void append(JournalEntry entry) {
            journal.append(entry);
          }

          @Override
          public void appendForced(JournalEntry entry) {
            journal.appendForced(entry);
          }

          @Override
          public List<JournalEntry> read(String taskId) {
            if (failedReads.getAndIncrement() == 0) {
              throw new IllegalStateException("cannot read the journal of a task (08006)");
            }
            return journal.read(taskId);
          }

          @Override
          public List<String> unfinished() {
            return journal.unfinished();
          }
        };
    try (RabbitTaskQueue queue = queue()) {
      Agent agent = agent(Duration.ZERO, new AtomicInteger(), new AtomicInteger());
      try (QueueWorker worker = queue.serve(agent, outage, PER_INSTANCE)) {
        queue.submit(task("task-during-outage")).get(10, TimeUnit.SECONDS);
        awaitOutcomes(1);
        assertThat(worker.consuming()).as("the instance still takes tasks").isTrue();

        queue.submit(task("task-after-outage")).get(10, TimeUnit.SECONDS);
        awaitOutcomes(2);
        assertThat(worker.executed()).isEqualTo(2);
      } finally {
        agent.close();
      }
    }
    assertThat(failedReads.get()).isGreaterThan(1);
    assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void aTaskWithAnOutcomeIsNotRunAgainWhenDeliveredAgain() throws Exception {
    journal.appendForced(new JournalEntry("task-done", 0, JournalEntry.Kind.STARTED, "", "{}"));
    journal.appendForced(new JournalEntry("task-done", 1, JournalEntry.Kind.ENDED, "", "done"));
    try (RabbitTaskQueue queue = queue()) {
      Instance instance = new Instance(queue(), Duration.ZERO);
      try {
        queue.submit(task("task-done")).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.waiting() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(200);
      } finally {
        instance.close();
      }
      assertThat(runs).isEmpty();
      assertThat(instance.worker.executed() + instance.worker.takenOver()).isZero();
      assertThat(queue.waiting()).as("the message was acknowledged").isZero();
    }
  }

  @Test
  void aMessageThatIsNotATaskIsDeadLetteredAndTheInstanceGoesOn() throws Exception {
    try (RabbitTaskQueue queue = queue()) {
      Instance instance = new Instance(queue(), Duration.ZERO);
      try {
        ConnectionFactory factory = new ConnectionFactory();
        try (Connection raw = factory.newConnection();
            Channel channel = raw.createChannel()) {
          channel.basicPublish("", queueName, null, "no headers".getBytes(StandardCharsets.UTF_8));
        }
        queue.submit(task("task-after")).get(10, TimeUnit.SECONDS);
        awaitOutcomes(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long dead = 0;
        while (dead == 0 && System.nanoTime() < deadline) {
          try (Connection raw = factory.newConnection();
              Channel channel = raw.createChannel()) {
            dead = channel.queueDeclarePassive(queueName + ".dead").getMessageCount();
          }
          Thread.sleep(20);
        }
        assertThat(dead).as("messages in %s.dead", queueName).isEqualTo(1);
      } finally {
        instance.close();
      }
    }
  }

  @Test
  void misuseIsRefusedWithTheReason() {
    try (RabbitTaskQueue queue = queue()) {
      Agent agent = agent(Duration.ZERO, new AtomicInteger(), new AtomicInteger());
      try {
        assertThatThrownBy(() -> queue.serve(agent, TaskJournal.none(), 4))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("task journal");
        assertThatThrownBy(() -> queue.serve(agent, journal, 0))
            .hasMessageContaining("concurrency must be at least 1");
      } finally {
        agent.close();
      }
    }
    assertThatThrownBy(() -> RabbitTaskQueue.builder().maxDeliveries(1))
        .hasMessageContaining("at least 2");
    assertThatThrownBy(() -> RabbitTaskQueue.builder().reviewSweep(Duration.ofMillis(1)))
        .hasMessageContaining("at least 10 ms");
    assertThatThrownBy(() -> RabbitTaskQueue.builder().uri("amqp://u:s3cret@[bad").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid")
        .message()
        .doesNotContain("s3cret");
    RabbitTaskQueue closed = queue();
    closed.close();
    assertThatThrownBy(() -> closed.submit(task("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aTaskIdTooLongForAMessageIsRefusedAndTheTasksAfterItAreStillConfirmed() throws Exception {
    // AMQP carries the message id, and the names in a header table, as short strings (at most
    // 255 bytes). The client refused such a task only while it sent it, after it had counted the
    // publish: every later confirm then completed the submit before it, and the last one never.
    try (RabbitTaskQueue queue = queue()) {
      Task longId = task("t".repeat(256));
      assertThatThrownBy(() -> queue.submit(longId))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("id")
          .hasMessageContaining("255");
      Task longAttribute =
          Task.builder()
              .id("task-long-attribute")
              .input("hi")
              .principal(Principal.of("ops"))
              .attribute("\u00e9".repeat(128), "v")
              .build();
      assertThatThrownBy(() -> queue.submit(longAttribute))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("attribute name")
          .hasMessageContaining("255");

      queue.submit(task("task-after-1")).get(10, TimeUnit.SECONDS);
      queue.submit(task("task-after-2")).get(10, TimeUnit.SECONDS);
      assertThat(queue.waiting()).isEqualTo(2);
    }
  }

  @Test
  void aDecisionClaimedByAnInstanceThatDiedGoesBackToAPerson() throws Exception {
    io.agentkeel.core.InMemoryReviewQueue reviews = new io.agentkeel.core.InMemoryReviewQueue();
    Agent agent =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.responding(
                    "primary", request -> ModelStep.answer("maybe", 0.6, "not sure")))
            .taskJournal(journal)
            .reviewQueue(reviews)
            .noPluginDiscovery()
            .build();
    try (RabbitTaskQueue queue =
            RabbitTaskQueue.builder().queue(queueName).reviewSweep(Duration.ofMillis(100)).build();
        QueueWorker worker = queue.serve(agent, journal, 2)) {
      queue.submit(task("task-reviewed")).get(10, TimeUnit.SECONDS);
      io.agentkeel.api.ReviewRequest first = awaitRequest(reviews, null);
      // An instance claims the decision and dies before it resumes the task.
      assertThat(reviews.claim(first.id())).isPresent();

      io.agentkeel.api.ReviewRequest again = awaitRequest(reviews, first.id());
      assertThat(again.task().id()).isEqualTo("task-reviewed");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (worker.resuspended() == 0
          || !journal.read("task-reviewed").getLast().key().equals(again.id())) {
        assertThat(System.nanoTime()).as("re-suspension recorded within 10 s").isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(worker.resuspended()).isEqualTo(1);
      assertThat(journal.read("task-reviewed").getLast().kind())
          .isEqualTo(JournalEntry.Kind.SUSPENDED);
    } finally {
      agent.close();
    }
  }

  private static io.agentkeel.api.ReviewRequest awaitRequest(
      io.agentkeel.core.InMemoryReviewQueue reviews, String notThisOne)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (io.agentkeel.api.ReviewRequest request : reviews.pending()) {
        if (!request.id().equals(notThisOne)) {
          return request;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no review request within 10 s");
  }

  @Test
  void aWorkerWhoseConnectionIsLostSaysItNoLongerConsumes() throws Exception {
    RabbitTaskQueue queue = queue();
    Instance instance = new Instance(queue, Duration.ZERO);
    try {
      assertThat(instance.worker.consuming()).isTrue();
      queue.close(); // the connection goes, as when the broker drops it
      assertThat(instance.worker.consuming()).isFalse();
    } finally {
      instance.worker.close();
      instance.agent.close();
    }
  }

  private RabbitTaskQueue queue() {
    return RabbitTaskQueue.builder().queue(queueName).build();
  }

  private static Task task(String id) {
    return Task.builder()
        .id(id)
        .input("handle " + id)
        .principal(Principal.of("ops"))
        .attribute("order_id", "o-" + id)
        .build();
  }

  private void awaitOutcomes(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (outcomes.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + outcomes.size() + " of " + count + " tasks ended");
      }
      Thread.sleep(10);
    }
  }

  private Agent agent(Duration latency, AtomicInteger running, AtomicInteger max) {
    return AgentKeel.builder()
        .model(
            "primary",
            ScriptedChatModel.responding(
                "primary",
                request -> {
                  max.accumulateAndGet(running.incrementAndGet(), Math::max);
                  try {
                    Thread.sleep(latency.toMillis());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    running.decrementAndGet();
                  }
                  return ModelStep.answer("done", 0.95, "nothing to do");
                }))
        .taskJournal(journal)
        .extension(new Counting())
        .noPluginDiscovery()
        .build();
  }

  /** Counts runs and outcomes per task, across the instances. */
  private final class Counting implements AgentExtension {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public void configure(ExtensionBinder binder) {
      AgentEventListener listener =
          (event, context) -> {
            if (event instanceof AgentEvent.TaskStarted started) {
              runs.computeIfAbsent(started.taskId(), id -> new AtomicInteger()).incrementAndGet();
            } else if (event instanceof AgentEvent.TaskFinished finished) {
              outcomes.put(finished.taskId(), finished.outcome());
            }
          };
      binder.add(AgentEventListener.class, listener);
    }
  }

  /** One agent instance serving the queue, on its own connection. */
  private final class Instance {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final RabbitTaskQueue queue;
    final Agent agent;
    final QueueWorker worker;

    Instance(RabbitTaskQueue queue, Duration latency) {
      this.queue = queue;
      this.agent = agent(latency, running, maxConcurrent);
      this.worker = queue.serve(agent, journal, PER_INSTANCE);
    }

    void close() {
      worker.close();
      agent.close();
      queue.close();
    }
  }
}
