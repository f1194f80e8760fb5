package io.agentkeel.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.cluster.QueueWorker;
import io.agentkeel.cluster.RabbitTaskQueue;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.durable.JdbcTaskJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * durable_takeover_s: the time from SIGKILLing the agent instance that runs a task to the task
 * continuing, from its journal, on another instance. Three instances run as separate JVMs serving
 * one RabbitMQ queue with a PostgreSQL journal; the instance that first runs a task stops in its
 * second model call; the coordinator kills it and waits for a survivor to say it took the task
 * over, then starts a replacement. Prints each delay and the p50. Not JMH: it measures processes.
 *
 * <pre>
 * java -cp ... io.agentkeel.benchmarks.TakeoverBenchmark [runs, default 15]
 * </pre>
 */
public final class TakeoverBenchmark {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  private record Line(Process process, String text) {}

  private TakeoverBenchmark() {}

  /**
   * Runs the coordinator, or with {@code worker <prefix> <queue>} one instance.
   *
   * @param args the runs, or the worker's arguments
   * @throws Exception if a server or a process fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("worker")) {
      worker(args[1], args[2]);
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    String prefix = "aktake" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    String queue = prefix + "tasks";
    BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    List<Process> live = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    try (JdbcTaskJournal journal = JdbcTaskJournal.open(URL, "postgres", "", prefix);
        RabbitTaskQueue submitter = RabbitTaskQueue.builder().queue(queue).build()) {
      for (int i = 0; i < 3; i++) {
        live.add(start(prefix, queue, lines));
      }
      await(lines, "READY", 3);
      for (int run = 0; run < runs; run++) {
        String id = "take-" + run;
        submitter
            .submit(
                Task.builder()
                    .id(id)
                    .input("handle " + id)
                    .principal(Principal.of("bench"))
                    .build())
            .get(10, TimeUnit.SECONDS);
        Line at = await(lines, "AT", 1);
        at.process().toHandle().destroyForcibly();
        long killed = System.currentTimeMillis();
        at.process().waitFor(10, TimeUnit.SECONDS);
        live.remove(at.process());
        Line recovered = await(lines, "RECOVERED", 1);
        double seconds = (Long.parseLong(recovered.text().split(" ")[1]) - killed) / 1000.0;
        delays.add(seconds);
        OUT.printf(Locale.ROOT, "run %d: took over after %.3f s%n", run, seconds);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (journal.read(id).isEmpty()
            || journal.read(id).getLast().kind() != JournalEntry.Kind.ENDED) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(id + " did not end after the takeover");
          }
          Thread.sleep(10);
        }
        live.add(start(prefix, queue, lines));
        await(lines, "READY", 1);
      }
      submitter.deleteQueues();
    } finally {
      for (Process process : live) {
        process.toHandle().destroyForcibly();
      }
    }
    List<Double> sorted = delays.stream().sorted().toList();
    OUT.printf(
        Locale.ROOT,
        "durable_takeover_s p50 %.3f (min %.3f, max %.3f, %d runs)%n",
        sorted.get(sorted.size() / 2),
        sorted.getFirst(),
        sorted.getLast(),
        sorted.size());
  }

  private static Process start(String prefix, String queue, BlockingQueue<Line> lines)
      throws IOException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow",
                "-cp",
                System.getProperty("java.class.path"),
                TakeoverBenchmark.class.getName(),
                "worker",
                prefix,
                queue)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Thread.ofPlatform()
        .daemon()
        .start(() -> {
          try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
              lines.add(new Line(process, line));
            }
          } catch (IOException e) {
            lines.add(new Line(process, "LOST " + e));
          }
        });
    return process;
  }

  private static Line await(BlockingQueue<Line> lines, String word, int count)
      throws InterruptedException {
    Line last = null;
    for (int seen = 0; seen < count; ) {
      Line line = lines.poll(60, TimeUnit.SECONDS);
      if (line == null) {
        throw new IllegalStateException("no '" + word + "' from an instance within 60 s");
      }
      if (line.text().startsWith(word)) {
        seen++;
        last = line;
      }
    }
    return last;
  }

  /** One instance: serves the queue; a task's first run stops in its second model call. */
  private static void worker(String prefix, String queue) throws Exception {
    try (JdbcTaskJournal journal = JdbcTaskJournal.open(URL, "postgres", "", prefix);
        RabbitTaskQueue consumer = RabbitTaskQueue.builder().queue(queue).build()) {
      Agent agent =
          AgentKeel.builder()
              .model("stopping", new StoppingModel(journal))
              .tools(new TwoToolTask.AgentKeelTools())
              .taskJournal(journal)
              .extension(new Announcer())
              .noPluginDiscovery()
              .build();
      QueueWorker worker = consumer.serve(agent, journal, 8);
      OUT.println("READY " + worker.executed());
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** The two-tool model, which stops dead in the second call of a task's first run. */
  private static final class StoppingModel implements ChatModel {
    private final JdbcTaskJournal journal;
    private final ChatModel model = new TwoToolTask.ScriptlessModel(Duration.ZERO, 2);

    StoppingModel(JdbcTaskJournal journal) {
      this.journal = journal;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      long replies = request.messages().stream().filter(m -> m instanceof AiMessage).count();
      String task = TaskIds.of(request.messages());
      boolean firstRun =
          journal.read(task).stream().noneMatch(e -> e.kind() == JournalEntry.Kind.RECOVERED);
      if (replies == 1 && firstRun) {
        journal.flush();
        OUT.println("AT " + task);
        while (true) {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            // A killed process does nothing more.
          }
        }
      }
      return model.chat(request);
    }
  }

  /** Prints when this instance takes a task over, with the wall-clock time. */
  private static final class Announcer implements AgentExtension {
    @Override
    public String name() {
      return "announcer";
    }

    @Override
    public void configure(ExtensionBinder binder) {
      AgentEventListener listener =
          (event, context) -> {
            if (event instanceof AgentEvent.TaskRecovered recovered && recovered.takeover()) {
              OUT.println("RECOVERED " + System.currentTimeMillis());
            }
          };
      binder.add(AgentEventListener.class, listener);
    }
  }

  /** The task id the benchmark's input carries. */
  private static final class TaskIds {
    static String of(List<dev.langchain4j.data.message.ChatMessage> messages) {
      for (var message : messages) {
        if (message instanceof dev.langchain4j.data.message.UserMessage user
            && user.hasSingleText()) {
          String text = user.singleText();
          int at = text.indexOf("take-");
          if (at >= 0) {
            return text.substring(at).split("\\s")[0];
          }
        }
      }
      throw new IllegalStateException("no task id in the conversation");
    }
  }
}
