package io.agentkeel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.durable.JdbcTaskJournal;
import io.agentkeel.memory.MemoryDatabase;
import io.agentkeel.security.AuditEntry;
import io.agentkeel.security.PostgresAuditLog;
import io.agentkeel.testkit.LocalServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The crash matrix with real processes: three agent instances run as separate JVMs, serving one
 * task queue on RabbitMQ and sharing the journal, the review queue, the audit log and the world on
 * PostgreSQL. The instance that runs the task first is killed with SIGKILL at a named point; the
 * broker hands the task to another, which finishes it. The world's counts, the audit and the
 * journal decide whether the invariants held.
 */
class ClusterCrashMatrixTest {

  static final String TASK = "task-1";

  @ParameterizedTest(name = "killed {0}, write tool {1}")
  @CsvSource({
    "before_intent, pay",
    "between_intent_and_result, pay",
    "between_intent_and_result, charge",
    "after_result, pay",
    "in_review, pay",
    "mid_model_call, pay"
  })
  void anotherInstanceFinishesTheTaskAndNoWriteRunsTwice(String point, String write)
      throws Exception {
    LocalServers.require("PostgreSQL", 5432);
    LocalServers.require("RabbitMQ", 5672);
    String prefix = LocalServers.uniquePrefix("akcluster");
    String queueName = prefix + "tasks";

    createSchema(prefix);
    try (RabbitTaskQueue queue = RabbitTaskQueue.builder().queue(queueName).build();
        AutoCloseable deleted = queue::deleteQueues;
        Instances instances = new Instances(prefix, queueName, point, write, 3)) {
      instances.awaitReady();
      queue.submit(task()).get(10, TimeUnit.SECONDS);
      Instances.Killed killed = instances.killAtPoint(60);
      assertThat(killed.point()).isEqualTo(point);

      try (JdbcTaskJournal journal =
          JdbcTaskJournal.open(
              ClusterWorkerMain.POSTGRES_URL, ClusterWorkerMain.POSTGRES_USER, "", prefix)) {
        awaitOutcome(journal, instances);
        List<JournalEntry> entries = journal.read(TASK);
        assertThat(entries.stream().filter(e -> e.kind() == JournalEntry.Kind.ENDED).count())
            .as("outcomes in the journal")
            .isEqualTo(1);
        if (!point.equals("in_review")) {
          assertThat(instances.lines())
              .as("a surviving instance took the task over")
              .anyMatch(line -> line.contains(": RECOVERED "));
        }
      }
    }

    try (Connection world =
            DriverManager.getConnection(
                ClusterWorkerMain.POSTGRES_URL, ClusterWorkerMain.POSTGRES_USER, "");
        PostgresAuditLog audit = ClusterWorkerMain.audit(prefix)) {
      List<AuditEntry> trail =
          audit.entries().stream().filter(e -> e.taskId().equals(TASK)).toList();
      List<AuditEntry> finished =
          trail.stream().filter(e -> e.type().equals("TaskFinished")).toList();
      assertThat(finished.stream().filter(e -> !e.payload().contains("InReview")).count())
          .as("final outcomes in the audit: %s", finished)
          .isEqualTo(1);
      assertThat(audit.verify().problem())
          .as("the audit chain, written by three processes")
          .isEmpty();
      assertThat(ClusterWorkerMain.effects(world, prefix, "w1")).as("write effects").isEqualTo(1);
      boolean mayHaveRun = trail.stream().anyMatch(e -> e.type().equals("MayHaveRun"));
      if (point.equals("between_intent_and_result") && write.equals("pay")) {
        assertThat(mayHaveRun).as("the write that may have run went to a person").isTrue();
        assertThat(ClusterWorkerMain.effects(world, prefix, "e1"))
            .as("the person rejected running it again, so the task stopped before erasing")
            .isZero();
      } else {
        assertThat(mayHaveRun).as("nothing else is sent as 'may already have run'").isFalse();
        assertThat(ClusterWorkerMain.effects(world, prefix, "e1"))
            .as("the approved destructive call ran once")
            .isEqualTo(1);
      }
    }
  }

  /** The tables, created once before the instances start, so that they never race for it. */
  private static void createSchema(String prefix) throws Exception {
    try (Connection world =
            DriverManager.getConnection(
                ClusterWorkerMain.POSTGRES_URL, ClusterWorkerMain.POSTGRES_USER, "");
        MemoryDatabase memory =
            MemoryDatabase.open(
                ClusterWorkerMain.POSTGRES_URL, ClusterWorkerMain.POSTGRES_USER, "", prefix);
        JdbcTaskJournal journal =
            JdbcTaskJournal.open(
                ClusterWorkerMain.POSTGRES_URL, ClusterWorkerMain.POSTGRES_USER, "", prefix);
        PostgresAuditLog audit = ClusterWorkerMain.audit(prefix)) {
      ClusterWorkerMain.createWorld(world, prefix);
    }
  }

  private static Task task() {
    return Task.builder()
        .id(TASK)
        .input("please handle " + TASK)
        .principal(Principal.of("ops", "pay:write", "data:erase"))
        .build();
  }

  private static void awaitOutcome(JdbcTaskJournal journal, Instances instances)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      List<JournalEntry> entries = journal.read(TASK);
      if (!entries.isEmpty() && entries.getLast().kind() == JournalEntry.Kind.ENDED) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no instance finished "
            + TASK
            + "; instances said "
            + instances.lines()
            + "; journal "
            + journal.read(TASK).stream().map(e -> e.sequence() + ":" + e.kind()).toList());
  }
}
