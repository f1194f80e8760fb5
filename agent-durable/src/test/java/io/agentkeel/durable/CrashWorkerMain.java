package io.agentkeel.durable;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Principal;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.memory.JdbcReviewQueue;
import io.agentkeel.memory.MemoryDatabase;
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

/**
 * One agent instance of the crash matrix, as its own JVM on PostgreSQL. As a victim it runs a task
 * (a write, then a destructive call a person confirms) and stops dead at its kill point, printing
 * {@code AT <point>} so the test can SIGKILL it there; as a survivor it recovers, decides the
 * waiting reviews as a person who checks the world would, and prints {@code DONE}.
 *
 * <p>Arguments: the table prefix, {@code victim:<point>} or {@code survivor}, and the write tool
 * ({@code pay} or {@code charge}).
 */
public final class CrashWorkerMain {
  static final String TASK = "task-1";

  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  /** The journal, flushed before a stop in a model call: a real call lasts long enough for that. */
  private static volatile TaskJournal stored;

  private CrashWorkerMain() {}

  /**
   * Runs one instance.
   *
   * @param args prefix, role, write tool
   * @throws Exception if the database fails
   */
  public static void main(String[] args) throws Exception {
    String prefix = args[0];
    String role = args[1];
    String write = args[2];
    String point = role.startsWith("victim:") ? role.substring("victim:".length()) : "";
    try (Connection world =
            DriverManager.getConnection(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "");
        MemoryDatabase memory =
            MemoryDatabase.open(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", prefix);
        JdbcTaskJournal store =
            JdbcTaskJournal.open(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", prefix)) {
      createWorld(world, prefix);
      JdbcReviewQueue reviews = new JdbcReviewQueue(memory);
      TaskJournal journal = new StoppingJournal(store, point);
      stored = store;
      Agent agent =
          AgentKeel.builder()
              .model(
                  "primary",
                  ScriptedChatModel.responding(
                      "primary", request -> reply(request.messages(), point, write)))
              .tools(new Tools(world, prefix, point))
              .reviewQueue(reviews)
              .taskJournal(journal)
              .noPluginDiscovery()
              .build();
      try {
        if (point.isEmpty()) {
          agent.recover();
          for (int round = 0;
              store.read(TASK).isEmpty()
                  || store.read(TASK).getLast().kind() != JournalEntry.Kind.ENDED;
              round++) {
            if (round == 20) {
              OUT.println("STUCK " + store.read(TASK));
              return;
            }
            if (store.read(TASK).isEmpty()) {
              // The victim died before the task's start was stored: the intake hands it over again.
              agent.execute(task());
              continue;
            }
            List<ReviewRequest> waiting = reviews.pending();
            if (waiting.isEmpty()) {
              agent.recover();
              continue;
            }
            for (ReviewRequest request : waiting) {
              OUT.println(
                  "REVIEW "
                      + request.pendingCall().map(c -> c.tool()).orElse("-")
                      + " "
                      + request.reason().replace('\n', ' '));
              agent.resume(decide(request, world, prefix));
            }
          }
          OUT.println("DONE");
        } else {
          agent.execute(task());
          stop("end");
        }
      } finally {
        agent.close();
      }
    }
  }

  private static Task task() {
    return Task.builder()
        .id(TASK)
        .input("please handle " + TASK)
        .principal(Principal.of("ops", "pay:write", "data:erase"))
        .build();
  }

  private static ReviewDecision decide(ReviewRequest request, Connection world, String prefix)
      throws SQLException {
    if (request.kind() != ReviewKind.DESTRUCTIVE_CALL) {
      return new ReviewDecision.Approve(request.id(), "reviewer");
    }
    String ref = CrashScenario.ref(request.pendingCall().orElseThrow().argumentsJson());
    return effects(world, prefix, ref) == 0
        ? new ReviewDecision.Approve(request.id(), "reviewer")
        : new ReviewDecision.Reject(request.id(), "reviewer", "it already took effect");
  }

  /** Prints where the process stands and waits for its SIGKILL. */
  static void stop(String point) {
    OUT.println("AT " + point);
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // A killed process does nothing more: keep waiting for the signal.
      }
    }
  }

  private static ModelStep reply(List<ChatMessage> messages, String point, String write) {
    long replies = messages.stream().filter(m -> m instanceof AiMessage).count();
    if (replies == 0) {
      return ModelStep.toolCalls(new ModelStep.ToolCall(write, "{\"ref\":\"w1\"}"));
    }
    if (replies == 1) {
      if (point.equals("mid_model_call")) {
        stored.flush();
        stop(point);
      }
      return ModelStep.toolCalls(new ModelStep.ToolCall("erase", "{\"ref\":\"e1\"}"));
    }
    return ModelStep.answer("done", 0.95, "both calls made");
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

  /** The tools, counting their effects in PostgreSQL. */
  public static final class Tools {
    private final Connection world;
    private final String prefix;
    private final String point;

    Tools(Connection world, String prefix, String point) {
      this.world = world;
      this.prefix = prefix;
      this.point = point;
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
     * Pays, without an idempotency key.
     *
     * @param ref the reference
     * @return a receipt
     */
    @AgentTool(
        name = "pay",
        description = "Pays.",
        whenToUse = "always",
        scopes = "pay:write",
        sideEffect = SideEffect.WRITE)
    public String pay(CrashTools.Ref ref) {
      took(ref.ref());
      if (point.equals("between_intent_and_result")) {
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
    public String charge(CrashTools.Ref ref, ToolContext context) {
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
      if (point.equals("between_intent_and_result")) {
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
    public String erase(CrashTools.Ref ref) {
      took(ref.ref());
      return "erased " + ref.ref();
    }
  }

  /** The journal of a victim, which stops dead at its kill point. */
  private static final class StoppingJournal implements TaskJournal {
    private final TaskJournal store;
    private final String point;

    StoppingJournal(TaskJournal store, String point) {
      this.store = store;
      this.point = point;
    }

    @Override
    public void append(JournalEntry entry) {
      store.append(entry);
      if (point.equals("after_result") && entry.kind() == JournalEntry.Kind.TOOL_RESULT) {
        store.flush();
        stop(point);
      }
    }

    @Override
    public void appendForced(JournalEntry entry) {
      if (point.equals("before_intent")
          && entry.kind() == JournalEntry.Kind.TOOL_INTENT
          && !entry.payload().contains("READ_ONLY")) {
        stop(point);
      }
      store.appendForced(entry);
      if (point.equals("in_review") && entry.kind() == JournalEntry.Kind.SUSPENDED) {
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
