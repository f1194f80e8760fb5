package io.agentkeel.benchmarks;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.cluster.QueueWorker;
import io.agentkeel.cluster.RabbitTaskQueue;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.durable.JdbcTaskJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * queue_tasks_per_s: tasks through the distributed intake, from the first submit to the last
 * outcome, with three agent instances (each its own RabbitMQ connection, task journal connection
 * and 64 tasks at once) on one RabbitMQ queue and one PostgreSQL journal, and an instant model. A
 * shot is {@value #TASKS} tasks; the figure is {@value #TASKS} divided by the median shot time.
 * Needs RabbitMQ and PostgreSQL on 127.0.0.1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
public class QueueThroughputBenchmark {

  static final int TASKS = 5_000;
  static final int INSTANCES = 3;
  static final int CONCURRENCY = 64;

  private static final Principal PRINCIPAL = Principal.of("bench", "orders:read");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private RabbitTaskQueue submitter;
  private volatile CountDownLatch finished;
  private int shot;

  /** Starts the three instances on a fresh queue and journal tables. */
  @Setup(Level.Trial)
  public void setUp() {
    String prefix =
        "akqbench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    String queue = prefix + "tasks";
    for (int i = 0; i < INSTANCES; i++) {
      JdbcTaskJournal journal =
          JdbcTaskJournal.open("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", prefix);
      RabbitTaskQueue consumer = RabbitTaskQueue.builder().queue(queue).build();
      Agent agent =
          AgentKeel.builder()
              .model("instant", new TwoToolTask.ScriptlessModel(Duration.ZERO, 0))
              .tools(new TwoToolTask.AgentKeelTools())
              .taskJournal(journal)
              .concurrency(CONCURRENCY)
              .extension(new Finishes())
              .noPluginDiscovery()
              .build();
      QueueWorker worker = consumer.serve(agent, journal, CONCURRENCY);
      resources.add(worker);
      resources.add(agent);
      resources.add(consumer);
      resources.add(journal);
      agents.add(agent);
    }
    submitter = RabbitTaskQueue.builder().queue(queue).build();
  }

  /**
   * Submits a shot of tasks and waits for every outcome.
   *
   * @return how many tasks ended
   * @throws Exception if the broker refuses a task or the shot does not end within a minute
   */
  @Benchmark
  public long tasks() throws Exception {
    finished = new CountDownLatch(TASKS);
    int run = shot++;
    List<CompletableFuture<Void>> confirmed = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      confirmed.add(
          submitter.submit(
              Task.builder()
                  .id("q-" + run + "-" + i)
                  .input("Where is order A-1001?")
                  .principal(PRINCIPAL)
                  .build()));
    }
    CompletableFuture.allOf(confirmed.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
    if (!finished.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException(finished.getCount() + " tasks did not end within a minute");
    }
    return TASKS;
  }

  /** Stops the instances. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    submitter.deleteQueues();
    submitter.close();
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  /** Counts outcomes (the end of first runs) into the shot's latch. */
  private final class Finishes implements AgentExtension {
    @Override
    public String name() {
      return "finishes";
    }

    @Override
    public void configure(ExtensionBinder binder) {
      AgentEventListener listener =
          (event, context) -> {
            if (event instanceof AgentEvent.TaskFinished) {
              finished.countDown();
            }
          };
      binder.add(AgentEventListener.class, listener);
    }
  }
}
