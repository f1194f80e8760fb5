package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Principal;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs tasks through a series of simulated processes that share a journal, a review queue and the
 * world the tools change; each process but the last dies at a chosen journal append, and the next
 * one recovers. Checks the durable-execution invariants at the end.
 */
final class CrashScenario {
  static final String MAY_HAVE_RUN = "may already have run";
  private static final Pattern REF = Pattern.compile("\"ref\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern TASK = Pattern.compile("task-[0-9]+");

  /** The tools a plan calls. */
  enum Kind {
    LOOK_UP("look_up"),
    PAY("pay"),
    CHARGE("charge"),
    ERASE("erase");

    final String tool;

    Kind(String tool) {
      this.tool = tool;
    }
  }

  /** One call of a plan. */
  record Call(Kind kind, String ref) {}

  /** What the model asks for in one task: the calls of each reply, then an answer. */
  record Plan(String taskId, List<List<Call>> steps) {}

  /** Where a process dies: at its {@code at}-th journal append. */
  record Kill(int at, boolean loseBuffered) {}

  /** A call that may have run when its process died, which must go to a person. */
  record Expected(String taskId, String ref) {}

  final World world = new World();
  final TaskJournal store;
  final InMemoryReviewQueue reviews = new InMemoryReviewQueue();
  final List<ReviewRequest> submitted = new CopyOnWriteArrayList<>();
  final List<Expected> expected = new ArrayList<>();
  final java.util.concurrent.atomic.AtomicInteger modelCalls =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();

  CrashScenario(TaskJournal store) {
    this.store = store;
  }

  void run(List<Plan> tasks, List<Kill> kills) {
    tasks.forEach(plan -> plans.put(plan.taskId(), plan));
    for (Kill kill : kills) {
      process(tasks, kill);
    }
    process(tasks, null);
  }

  private void process(List<Plan> tasks, Kill kill) {
    DyingJournal journal =
        new DyingJournal(store, kill == null ? -1 : kill.at(), kill != null && kill.loseBuffered());
    CrashTools tools = new CrashTools(world, journal::alive);
    Agent agent =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.responding(
                    "primary",
                    request -> {
                      if (!journal.alive()) {
                        throw new IllegalStateException("simulated crash: this process is dead");
                      }
                      modelCalls.incrementAndGet();
                      return reply(request.messages());
                    }))
            .tools(tools)
            .reviewQueue(new DyingReviews(reviews, journal::alive, submitted))
            .taskJournal(journal)
            .noPluginDiscovery()
            .build();
    try {
      agent.recover();
      boolean progress = true;
      while (journal.alive() && progress) {
        progress = false;
        for (ReviewRequest request : reviews.pending()) {
          if (!journal.alive()) {
            break;
          }
          agent.resume(decide(request));
          progress = true;
        }
        for (Plan plan : tasks) {
          if (!journal.alive()) {
            break;
          }
          if (journal.read(plan.taskId()).isEmpty()) {
            agent.execute(
                Task.builder()
                    .id(plan.taskId())
                    .input("please handle " + plan.taskId())
                    .principal(Principal.of("ops", "pay:write", "data:erase"))
                    .build());
            progress = true;
          }
        }
      }
    } finally {
      agent.close();
    }
    if (!journal.alive()) {
      expectReviewsOfCallsThatMayHaveRun(tasks);
    }
  }

  /**
   * The reviewer checks the world: a call that took effect is rejected, one that did not approved.
   */
  private ReviewDecision decide(ReviewRequest request) {
    if (request.kind() != ReviewKind.DESTRUCTIVE_CALL) {
      return new ReviewDecision.Approve(request.id(), "reviewer");
    }
    String ref = ref(request.pendingCall().orElseThrow().argumentsJson());
    return world.effects(ref) == 0
        ? new ReviewDecision.Approve(request.id(), "reviewer")
        : new ReviewDecision.Reject(request.id(), "reviewer", "it already took effect");
  }

  private ModelStep reply(List<ChatMessage> messages) {
    String taskId = null;
    int replies = 0;
    for (ChatMessage message : messages) {
      if (message instanceof AiMessage) {
        replies++;
      } else if (taskId == null && message instanceof UserMessage user && user.hasSingleText()) {
        Matcher matcher = TASK.matcher(user.singleText());
        if (matcher.find()) {
          taskId = matcher.group();
        }
      }
    }
    Plan plan = plans.get(taskId);
    if (replies < plan.steps().size()) {
      return ModelStep.toolCalls(
          plan.steps().get(replies).stream()
              .map(call ->
                  new ModelStep.ToolCall(call.kind().tool, "{\"ref\":\"" + call.ref() + "\"}"))
              .toArray(ModelStep.ToolCall[]::new));
    }
    return ModelStep.answer("done " + taskId, 0.95, "all steps done");
  }

  /**
   * After a death: every write or destructive call of a tool without an idempotency key whose
   * intent is stored and whose result is not must reach a person as "may already have run".
   */
  private void expectReviewsOfCallsThatMayHaveRun(List<Plan> tasks) {
    for (Plan plan : tasks) {
      List<JournalEntry> entries = store.read(plan.taskId());
      if (entries.isEmpty() || entries.getLast().kind() == JournalEntry.Kind.ENDED) {
        continue;
      }
      Map<String, String> open = new java.util.LinkedHashMap<>();
      for (JournalEntry entry : entries) {
        switch (entry.kind()) {
          case MODEL_REPLY -> open.clear();
          case TOOL_INTENT -> {
            if (entry.payload().contains("\"pay\"") || entry.payload().contains("\"erase\"")) {
              open.put(entry.key(), ref(entry.payload().replace("\\\"", "\"")));
            }
          }
          case TOOL_RESULT -> open.remove(entry.key());
          default -> {}
        }
      }
      open.values().forEach(ref -> expected.add(new Expected(plan.taskId(), ref)));
    }
  }

  static String ref(String json) {
    Matcher matcher = REF.matcher(json);
    if (!matcher.find()) {
      throw new AssertionError("no ref in " + json);
    }
    return matcher.group(1);
  }

  /** The invariants of durable execution, over everything that happened. */
  void checkInvariants(List<Plan> tasks) {
    assertThat(reviews.pending()).as("reviews left waiting").isEmpty();
    for (Plan plan : tasks) {
      List<JournalEntry> entries = store.read(plan.taskId());
      assertThat(entries).as("journal of %s", plan.taskId()).isNotEmpty();
      assertThat(entries.getLast().kind())
          .as("last record of %s", plan.taskId())
          .isEqualTo(JournalEntry.Kind.ENDED);
      assertThat(entries.stream().filter(e -> e.kind() == JournalEntry.Kind.ENDED).count())
          .as("outcomes of %s", plan.taskId())
          .isEqualTo(1);
      for (List<Call> step : plan.steps()) {
        for (Call call : step) {
          if (call.kind() != Kind.LOOK_UP) {
            assertThat(world.effects(call.ref()))
                .as("effects of %s (%s)", call.ref(), call.kind())
                .isLessThanOrEqualTo(1);
          }
        }
      }
    }
    Set<Expected> reviewed = new HashSet<>();
    for (ReviewRequest request : submitted) {
      if (request.reason().contains(MAY_HAVE_RUN)) {
        String tool = request.pendingCall().orElseThrow().tool();
        assertThat(tool).as("a keyed call went to a person").isNotEqualTo("charge");
        reviewed.add(
            new Expected(request.task().id(), ref(request.pendingCall().get().argumentsJson())));
      }
    }
    assertThat(reviewed).as("calls that may have run, sent to a person").containsAll(expected);
  }
}
