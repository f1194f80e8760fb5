package io.agentkeel.examples.cli;

import io.agentkeel.api.Configuration;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.cluster.RabbitTaskQueue;
import io.agentkeel.durable.JdbcTaskJournal;
import io.agentkeel.durable.TaskInFlight;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentkeel tasks}: the tasks in flight across instances, as the shared task journal sees
 * them (running, waiting for a person, or left by an instance that died), and how many wait in the
 * distributed intake's queue.
 */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    description =
        "Lists the tasks in flight across instances, from the shared task journal (agent-durable),"
            + " and the tasks waiting in the intake queue (agent-cluster).")
final class TasksCommand implements Callable<Integer> {

  static final String JOURNAL_URL = "durable.journal.jdbc-url";
  static final String JOURNAL_USER = "durable.journal.user";
  static final String JOURNAL_PASSWORD_ENV = "durable.journal.password-env";
  static final String JOURNAL_PREFIX = "durable.journal.prefix";
  static final String QUEUE_URI = "cluster.queue.uri";
  static final String QUEUE_NAME = "cluster.queue.name";

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print a JSON object (see README).")
  boolean json;

  @Override
  public Integer call() {
    AgentKeelCli root = Support.root(spec);
    Configuration settings = root.settings();
    List<TaskInFlight> tasks;
    try (JdbcTaskJournal journal = journal(settings, root.dataDir(), root.environment())) {
      tasks = journal.inFlight();
    }
    Optional<String> queueUri = settings.get(QUEUE_URI);
    String queueName = settings.get(QUEUE_NAME).orElse("agentkeel.tasks");
    OptionalLong queued = OptionalLong.empty();
    String queueProblem = null;
    if (queueUri.isPresent()) {
      try {
        queued = RabbitTaskQueue.waiting(queueUri.get(), queueName);
        if (queued.isEmpty()) {
          queued = OptionalLong.of(0);
          queueProblem =
              "no queue '"
                  + queueName
                  + "' on "
                  + withoutCredentials(queueUri.get())
                  + " yet (an instance declares it when it starts; check "
                  + QUEUE_NAME
                  + " if one has)";
        }
      } catch (UncheckedIOException e) {
        queueProblem = e.getMessage();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (TaskInFlight task : tasks) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("task_id", task.taskId());
        row.put("state", state(task.lastKind()));
        row.put("last_record", task.lastKind().name().toLowerCase(Locale.ROOT));
        row.put("records", task.records());
        row.put("last_write", task.lastWrite().toString());
        row.put("instance", task.instance());
        rows.add(row);
      }
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("in_flight", rows);
      if (queueUri.isPresent()) {
        all.put("queued", queued.isPresent() ? queued.getAsLong() : null);
      }
      out.println(Support.JSON.writeValueAsString(all));
    } else {
      // Task ids and instance names come from whoever submitted or ran the task: a line break or a
      // terminal's escape sequence in them is shown escaped, so it cannot forge a line.
      for (TaskInFlight task : tasks) {
        out.println(
            Support.printable(
                String.format(
                    Locale.ROOT,
                    "%s  %s  (last record %s, %d records, %s, instance %s)",
                    task.taskId(),
                    state(task.lastKind()),
                    task.lastKind().name().toLowerCase(Locale.ROOT),
                    task.records(),
                    task.lastWrite(),
                    task.instance().isEmpty() ? "unknown" : task.instance())));
      }
      out.println(tasks.size() + " in flight");
      queued.ifPresent(n -> out.println(n + " queued"));
    }
    out.flush();
    if (queueProblem != null) {
      spec.commandLine().getErr().println("agentkeel: " + queueProblem);
    }
    return queued.isPresent() || queueUri.isEmpty() ? AgentKeelCli.OK : AgentKeelCli.NOT_COMPLETED;
  }

  /** The broker's URI without the user and password it may hold. */
  private static String withoutCredentials(String uri) {
    try {
      java.net.URI parsed = java.net.URI.create(uri);
      return parsed.getScheme()
          + "://"
          + parsed.getHost()
          + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort())
          + (parsed.getRawPath() == null ? "" : parsed.getRawPath());
    } catch (IllegalArgumentException e) {
      return "the broker of " + QUEUE_URI;
    }
  }

  private static String state(JournalEntry.Kind last) {
    return last == JournalEntry.Kind.SUSPENDED ? "waiting for a person" : "running or orphaned";
  }

  /**
   * The shared journal when {@value #JOURNAL_URL} is set (its password read from the environment
   * variable named by {@value #JOURNAL_PASSWORD_ENV}, never from the command line), else the
   * embedded one under the data directory.
   */
  private static JdbcTaskJournal journal(
      Configuration settings, Path dataDir, Map<String, String> environment) {
    String url = settings.get(JOURNAL_URL).orElse(null);
    if (url == null) {
      return JdbcTaskJournal.embedded(dataDir);
    }
    String passwordEnv = settings.get(JOURNAL_PASSWORD_ENV).orElse(null);
    String password = passwordEnv == null ? "" : environment.getOrDefault(passwordEnv, "");
    if (passwordEnv != null && !environment.containsKey(passwordEnv)) {
      throw new AgentKeelCli.UsageException(
          JOURNAL_PASSWORD_ENV + " names " + passwordEnv + ", which is not set in the environment");
    }
    return JdbcTaskJournal.open(
        url,
        settings.get(JOURNAL_USER).orElse(""),
        password,
        settings.get(JOURNAL_PREFIX).orElse("agentkeel_"));
  }
}
