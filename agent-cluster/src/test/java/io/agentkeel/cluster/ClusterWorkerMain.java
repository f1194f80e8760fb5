package io.agentkeel.cluster;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.durable.JdbcTaskJournal;
import io.agentkeel.memory.JdbcReviewQueue;
import io.agentkeel.memory.MemoryDatabase;
import io.agentkeel.security.AuditFailurePolicy;
import io.agentkeel.security.PiiDetector;
import io.agentkeel.security.PiiRedactor;
import io.agentkeel.security.PostgresAuditLog;
import io.agentkeel.security.RedactionStyle;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolContext;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One agent instance of the cluster crash matrix, as its own JVM: it serves the task queue on
 * RabbitMQ, with the task journal, the review queue, the audit log and the world its tools change
 * all on PostgreSQL, and it decides waiting reviews as a person who checks the world would.
 *
 * <p>The first run of a task stops dead at the kill point, printing {@code AT <point>} so that the
 * test can SIGKILL the instance there; runs that continue a task (from its journal, or after a
 * review) never stop. The instance prints {@code READY} once it consumes, and {@code RECOVERED
 * <epoch ms>} when it takes a task over.
 *
 * <p>Arguments: the table prefix, the queue name, the kill point, the write tool ({@code pay}, or
 * {@code charge}, which uses the idempotency key).
 */
public final class ClusterWorkerMain {
  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String POSTGRES_USER = "postgres";
  static final String MAY_HAVE_RUN = "may already have run";

  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private static final Pattern REF = Pattern.compile("\"ref\"\\s*:\\s*\"([^\"]+)\"");

  private static volatile TaskJournal stored;
  private static volatile String point = "";

  /**
   * Whether a task's first run started here: this instance is the one to be killed, and it does not
   * review, so that its death never takes a claimed decision with it (a claim is not a lease; see
   * {@link io.agentkeel.api.Agent#recover()} for decisions claimed by a dead instance).
   */
  private static volatile boolean victim;

  private ClusterWorkerMain() {}

  /**
   * Runs one instance until it is killed.
   *
   * @param args prefix, queue, kill point, write tool
   * @throws Exception if a server fails
   */
  public static void main(String[] args) throws Exception {
    String prefix = args[0];
    String queueName = args[1];
    point = args[2];
    String write = args[3];
    try (Connection world = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
        MemoryDatabase memory = MemoryDatabase.open(POSTGRES_URL, POSTGRES_USER, "", prefix);
        JdbcTaskJournal store = JdbcTaskJournal.open(POSTGRES_URL, POSTGRES_USER, "", prefix);
        PostgresAuditLog audit = audit(prefix);
        RabbitTaskQueue queue = RabbitTaskQueue.builder().queue(queueName).build()) {
      createWorld(world, prefix);
      stored = store;
      JdbcReviewQueue reviews = new JdbcReviewQueue(memory);
      Agent agent =
          AgentKeel.builder()
              .model(
                  "primary",
                  ScriptedChatModel.responding(
                      "primary", request -> reply(request.messages(), write)))
              .tools(new Tools(world, prefix))
              .reviewQueue(reviews)
              .taskJournal(new StoppingJournal(store))
              .extension(new Observed(audit))
              .noPluginDiscovery()
              .build();
      try (QueueWorker worker = queue.serve(agent, store, 4)) {
        OUT.println("READY");
        while (true) {
          for (ReviewRequest request : victim ? List.<ReviewRequest>of() : reviews.pending()) {
            agent.resume(decide(request, world, prefix));
          }
          Thread.sleep(50);
        }
      }
    }
  }

  static PostgresAuditLog audit(String prefix) {
    return new PostgresAuditLog(
        POSTGRES_URL,
        POSTGRES_USER,
        "",
        prefix + "audit",
        new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
        AuditFailurePolicy.defaults());
  }

  /** Adds the shared audit log, and prints when this instance takes a task over. */
  private record Observed(PostgresAuditLog audit) implements AgentExtension {
    @Override
    public String name() {
      return "crash-matrix";
    }

    @Override
    public void configure(ExtensionBinder binder) {
      binder.add(AuditSink.class, audit);
      binder.add(AgentEventListener.class, ClusterWorkerMain::onEvent);
    }
  }

  private static void onEvent(AgentEvent event, RunContext context) {
    if (event instanceof AgentEvent.TaskRecovered recovered && recovered.takeover()) {
      OUT.println("RECOVERED " + System.currentTimeMillis());
    }
  }

  /** Whether the task runs for the first time: nothing has continued it yet. */
  private static boolean firstRun(String taskId) {
    return stored.read(taskId).stream()
        .noneMatch(
            e -> e.kind() == JournalEntry.Kind.RECOVERED || e.kind() == JournalEntry.Kind.RESUMED);
  }

  private static ReviewDecision decide(ReviewRequest request, Connection world, String prefix)
      throws SQLException {
    if (request.kind() != ReviewKind.DESTRUCTIVE_CALL) {
      return new ReviewDecision.Approve(request.id(), "reviewer");
    }
    String ref = ref(request.pendingCall().orElseThrow().argumentsJson());
    return effects(world, prefix, ref) == 0
        ? new ReviewDecision.Approve(request.id(), "reviewer")
        : new ReviewDecision.Reject(request.id(), "reviewer", "it already took effect");
  }

  static String ref(String json) {
    Matcher matcher = REF.matcher(json);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no ref in " + json);
    }
    return matcher.group(1);
  }

  /** Prints where the process stands and waits for its SIGKILL. */
  private static void stop(String at) {
    OUT.println("AT " + at);
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // A killed process does nothing more: keep waiting for the signal.
      }
    }
  }

  private static ModelStep reply(List<ChatMessage> messages, String write) {
    long replies = messages.stream().filter(m -> m instanceof AiMessage).count();
    String task = taskOf(messages);
    if (replies == 0) {
      return ModelStep.toolCalls(
          new ModelStep.ToolCall("look_up", "{\"ref\":\"r1\"}"),
          new ModelStep.ToolCall(write, "{\"ref\":\"w1\"}"));
    }
    if (replies == 1) {
      if (point.equals("mid_model_call") && firstRun(task)) {
        stored.flush();
        stop(point);
      }
      return ModelStep.toolCalls(new ModelStep.ToolCall("erase", "{\"ref\":\"e1\"}"));
    }
    return ModelStep.answer("done", 0.95, "all calls made");
  }

  private static String taskOf(List<ChatMessage> messages) {
    for (ChatMessage message : messages) {
      if (message instanceof dev.langchain4j.data.message.UserMessage user
          && user.hasSingleText()) {
        Matcher matcher = Pattern.compile("task-[0-9]+").matcher(user.singleText());
        if (matcher.find()) {
          return matcher.group();
        }
      }
    }
    throw new IllegalStateException("no task id in the conversation");
  }

  static void createWorld(Connection world, String prefix) throws SQLException {
    try (Statement ddl = world.createStatement()) {
      ddl.execute(
          "CREATE TABLE IF NOT EXISTS "
              + prefix
              + "effects (ref VARCHAR(64) PRIMARY KEY, n INT NOT NULL)");
      ddl.execute(
          "CREATE TABLE IF NOT EXISTS " + prefix + "idempotency (k VARCHAR(512) PRIMARY KEY)");
    }
  }

  static int effects(Connection world, String prefix, String ref) throws SQLException {
    try (PreparedStatement select =
        world.prepareStatement("SELECT n FROM " + prefix + "effects WHERE ref = ?")) {
      select.setString(1, ref);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }
  }

  /** A reference to the thing a tool acts on. */
  public record Ref(String ref) {}

  /** The tools, counting their effects in PostgreSQL. */
  public static final class Tools {
    private final Connection world;
    private final String prefix;

    Tools(Connection world, String prefix) {
      this.world = world;
      this.prefix = prefix;
    }

    private synchronized void took(String ref) {
      try (PreparedStatement upsert =
          world.prepareStatement(
              "INSERT INTO "
                  + prefix
                  + "effects (ref, n) VALUES (?, 1) ON CONFLICT (ref) DO UPDATE SET n = "
                  + prefix
                  + "effects.n + 1")) {
        upsert.setString(1, ref);
        upsert.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Looks a record up.
     *
     * @param ref the reference
     * @return what it found
     */
    @AgentTool(
        name = "look_up",
        description = "Looks a record up.",
        whenToUse = "always",
        sideEffect = SideEffect.READ_ONLY)
    public String lookUp(Ref ref) {
      return "found " + ref.ref();
    }

    /**
     * Pays, without an idempotency key.
     *
     * @param ref the reference
     * @param context the call
     * @return a receipt
     */
    @AgentTool(
        name = "pay",
        description = "Pays.",
        whenToUse = "always",
        scopes = "pay:write",
        sideEffect = SideEffect.WRITE)
    public String pay(Ref ref, ToolContext context) {
      took(ref.ref());
      if (point.equals("between_intent_and_result") && firstRun(context.taskId())) {
        stop(point);
      }
      return "paid " + ref.ref();
    }

    /**
     * Charges with the idempotency key.
     *
     * @param ref the reference
     * @param context the call
     * @return a receipt
     */
    @AgentTool(
        name = "charge",
        description = "Charges with an idempotency key.",
        whenToUse = "always",
        scopes = "pay:write",
        sideEffect = SideEffect.WRITE,
        usesIdempotencyKey = true)
    public String charge(Ref ref, ToolContext context) {
      synchronized (this) {
        try (PreparedStatement insert =
            world.prepareStatement(
                "INSERT INTO " + prefix + "idempotency (k) VALUES (?) ON CONFLICT DO NOTHING")) {
          insert.setString(1, context.idempotencyKey());
          if (insert.executeUpdate() == 1) {
            took(ref.ref());
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
      if (point.equals("between_intent_and_result") && firstRun(context.taskId())) {
        stop(point);
      }
      return "charged " + ref.ref();
    }

    /**
     * Erases.
     *
     * @param ref the reference
     * @return a confirmation
     */
    @AgentTool(
        name = "erase",
        description = "Erases a record.",
        whenToUse = "always",
        scopes = "data:erase",
        sideEffect = SideEffect.DESTRUCTIVE)
    public String erase(Ref ref) {
      took(ref.ref());
      return "erased " + ref.ref();
    }
  }

  /** The journal of an instance, which stops dead at its kill point on a task's first run. */
  private static final class StoppingJournal implements TaskJournal {
    private final TaskJournal store;

    StoppingJournal(TaskJournal store) {
      this.store = store;
    }

    @Override
    public void append(JournalEntry entry) {
      if (entry.kind() == JournalEntry.Kind.STARTED) {
        victim = true;
      }
      boolean first = firstRun(entry.taskId());
      store.append(entry);
      if (first
          && point.equals("after_result")
          && entry.kind() == JournalEntry.Kind.TOOL_RESULT
          && entry.payload().contains("paid") | entry.payload().contains("charged")) {
        store.flush();
        stop(point);
      }
    }

    @Override
    public void appendForced(JournalEntry entry) {
      if (entry.kind() == JournalEntry.Kind.STARTED) {
        victim = true;
      }
      boolean first = firstRun(entry.taskId());
      if (first
          && point.equals("before_intent")
          && entry.kind() == JournalEntry.Kind.TOOL_INTENT
          && !entry.payload().contains("READ_ONLY")) {
        stop(point);
      }
      store.appendForced(entry);
      if (first && point.equals("in_review") && entry.kind() == JournalEntry.Kind.SUSPENDED) {
        stop(point);
      }
    }

    @Override
    public List<JournalEntry> read(String taskId) {
      return store.read(taskId);
    }

    @Override
    public List<String> unfinished() {
      return store.unfinished();
    }

    @Override
    public void flush() {
      store.flush();
    }
  }
}
