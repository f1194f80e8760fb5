package io.agentkeel.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Task;
import io.agentkeel.api.TaskJournal;
import io.agentkeel.core.tool.internal.Json;
import io.agentkeel.tools.spi.SideEffect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's steps into the {@link TaskJournal}: the task and first conversation, each model
 * reply, each tool call's intent before the call (forced for a write or destructive call) and its
 * result after it, validation feedback, and the end. With {@link TaskJournal#none()} every call
 * returns at once. The payload format is core's own, read back by {@link JournalReplay}; it leaves
 * out what is null or empty and the input when the guards kept it as the task gave it, since a
 * journal is written at every step of every task while it is read only by a recovery.
 *
 * <p>A run writes only once it has a journal ({@link RunState#journalSeq} is not negative): after
 * {@link #started}, or when a resumed or recovered run found the task's records.
 */
final class RunJournal {
  private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);

  /** The format of the payloads; a journal of another version is not replayed. */
  static final int VERSION = 1;

  /** Digests of the system messages seen, which are few: one per workflow. */
  private static final Map<String, String> INSTRUCTION_DIGESTS = new ConcurrentHashMap<>();

  /** Writes payloads without null fields; {@link Json#MAPPER} reads them back. */
  private static final JsonMapper FORMAT =
      JsonMapper.builder()
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  /** The task as accepted, enough to run it again. */
  record StoredTask(
      String id,
      String input,
      String principalId,
      String tenant,
      List<String> scopes,
      String workflow,
      String sessionId,
      Map<String, String> attributes) {

    static StoredTask of(Task task) {
      return new StoredTask(
          task.id(),
          task.input(),
          task.principal().id(),
          task.principal().tenant(),
          List.copyOf(task.principal().grantedScopes()),
          task.workflow(),
          task.sessionId().orElse(null),
          task.attributes().isEmpty() ? null : task.attributes());
    }

    Task restore() {
      Task.Builder builder =
          Task.builder()
              .id(id)
              .input(input)
              .principal(
                  new io.agentkeel.api.Principal(
                      principalId, tenant, new java.util.LinkedHashSet<>(scopes)))
              .workflow(workflow);
      if (attributes != null) {
        attributes.forEach(builder::attribute);
      }
      if (sessionId != null) {
        builder.sessionId(sessionId);
      }
      return builder.build();
    }
  }

  /**
   * What {@link JournalEntry.Kind#STARTED} holds.
   *
   * @param input the input after the input guards; null when it is the task's own
   * @param instructions when not null, the SHA-256 of the workflow's system message, which the
   *     first message's text follows instead of repeating it in every task's record: a replay puts
   *     the workflow's current system message back in front
   */
  record Started(
      int version,
      StoredTask task,
      String input,
      String instructions,
      List<SuspendedState.StoredMessage> messages) {

    /** The input after the input guards. */
    String guardedInput() {
      return input != null ? input : task.input();
    }
  }

  /** What {@link JournalEntry.Kind#TOOL_INTENT} holds. */
  record Intent(String tool, SideEffect sideEffect, String arguments) {}

  private final TaskJournal journal;
  private final boolean records;

  RunJournal(TaskJournal journal) {
    this.journal = journal;
    this.records = journal.records();
  }

  TaskJournal journal() {
    return journal;
  }

  boolean records() {
    return records;
  }

  /**
   * The task was accepted and its first conversation assembled.
   *
   * @param instructions the workflow's system message, which the first message begins with
   */
  void started(RunState run, String instructions) {
    if (!records) {
      return;
    }
    run.journalSeq.set(0);
    List<SuspendedState.StoredMessage> messages = compact(SuspendedState.store(run.messages));
    String digest = null;
    if (!messages.isEmpty()
        && messages.getFirst().role().equals("system")
        && messages.getFirst().text().startsWith(instructions)) {
      SuspendedState.StoredMessage system = messages.getFirst();
      digest = INSTRUCTION_DIGESTS.computeIfAbsent(instructions, RunJournal::digest);
      messages.set(
          0,
          new SuspendedState.StoredMessage(
              "system", system.text().substring(instructions.length()), null, null, null));
    }
    append(
        run,
        JournalEntry.Kind.STARTED,
        "",
        FORMAT.writeValueAsString(
            new Started(
                VERSION,
                StoredTask.of(run.task),
                Objects.equals(run.input, run.task.input()) ? null : run.input,
                digest,
                messages)),
        false);
  }

  /** The SHA-256 of a workflow's system message, hex. */
  static String digest(String instructions) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(instructions.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The model replied. */
  void replied(RunState run, AiMessage reply) {
    if (records && run.journalSeq.get() >= 0) {
      append(
          run,
          JournalEntry.Kind.MODEL_REPLY,
          "",
          FORMAT.writeValueAsString(
              compact(SuspendedState.store(List.<ChatMessage>of(reply))).getFirst()),
          false);
    }
  }

  /**
   * A tool call is about to run: for a write or destructive call the record is forced.
   *
   * @return whether the call may run: false if the intent of a write or destructive call could not
   *     be stored
   */
  boolean intended(RunState run, String key, String tool, SideEffect effect, String arguments) {
    if (!records || run.journalSeq.get() < 0) {
      return true;
    }
    String payload = FORMAT.writeValueAsString(new Intent(tool, effect, arguments));
    if (effect == SideEffect.READ_ONLY) {
      // A read runs again after a crash anyway: a lost intent costs nothing.
      append(run, JournalEntry.Kind.TOOL_INTENT, key, payload, false);
      return true;
    }
    return append(run, JournalEntry.Kind.TOOL_INTENT, key, payload, true);
  }

  /** A tool call's result, as the model will read it. */
  void returned(RunState run, ToolExecutionRequest call, String text) {
    if (records && run.journalSeq.get() >= 0) {
      append(run, JournalEntry.Kind.TOOL_RESULT, key(run, call), text, false);
    }
  }

  /** The answer failed validation; the model reads this feedback. */
  void feedback(RunState run, String text) {
    if (records && run.journalSeq.get() >= 0) {
      append(run, JournalEntry.Kind.FEEDBACK, "", text, false);
    }
  }

  /**
   * A resumed or recovered run joins the task's journal, if it has one.
   *
   * @param kind {@link JournalEntry.Kind#RESUMED} or {@link JournalEntry.Kind#RECOVERED}
   * @param key the review request resumed, or empty
   * @param known the records read, if the caller read them; otherwise null
   * @return false if the task is not this run's to continue: another run appended first, or (for a
   *     resume) the journal does not end waiting for this review request, which is then stale, left
   *     by a run that died before it recorded its suspension
   */
  boolean joined(RunState run, JournalEntry.Kind kind, String key, List<JournalEntry> known) {
    if (!records) {
      return true;
    }
    List<JournalEntry> entries = known != null ? known : read(run.task.id());
    if (entries.isEmpty()) {
      return true;
    }
    JournalEntry last = entries.getLast();
    if (kind == JournalEntry.Kind.RESUMED
        && !(last.kind() == JournalEntry.Kind.SUSPENDED && last.key().equals(key))) {
      return false;
    }
    run.journalSeq.set(last.sequence() + 1);
    return append(run, kind, key, "", true);
  }

  /**
   * The run has its result: the task ended, or waits for a person. Forced, and the caller learns
   * the outcome only after this returns: an outcome must not be lost once reported. Were the end
   * lost in a crash after the caller saw it, recovery would run the task again, and a model asked
   * again (the last reply may be lost too, not being forced) may answer otherwise, or a write whose
   * result was lost would go to a person as "may already have run": a second, different outcome for
   * a task its caller holds as done. Forcing costs each task the wait for a commit, not a commit of
   * its own: the journal's group commit stores the ends of many tasks, with their earlier records,
   * in one transaction.
   */
  void ended(RunState run, AgentResult result) {
    if (!records || run.journalSeq.get() < 0) {
      return;
    }
    switch (result.outcome()) {
      case Outcome.InReview r ->
          append(run, JournalEntry.Kind.SUSPENDED, r.request().id(), "in review", true);
      case Outcome.Escalated e ->
          append(run, JournalEntry.Kind.SUSPENDED, e.request().id(), "escalated", true);
      default -> append(run, JournalEntry.Kind.ENDED, "", result.outcome().describe(), true);
    }
    run.journalSeq.set(-1);
  }

  /** The messages without their empty lists of tool calls, which the format leaves out. */
  private static List<SuspendedState.StoredMessage> compact(
      List<SuspendedState.StoredMessage> messages) {
    List<SuspendedState.StoredMessage> compact = new ArrayList<>(messages.size());
    for (SuspendedState.StoredMessage m : messages) {
      compact.add(
          m.toolCalls() == null || !m.toolCalls().isEmpty()
              ? m
              : new SuspendedState.StoredMessage(
                  m.role(), m.text(), null, m.toolCallId(), m.toolName()));
    }
    return compact;
  }

  List<JournalEntry> read(String taskId) {
    return Containment.orElse("task journal", journal, () -> journal.read(taskId), List::of);
  }

  /**
   * The stable key of a call: the task, the model step whose reply asked for it, and its place in
   * that reply. The same after a resume or a recovery, because both rebuild the reply.
   */
  static String key(RunState run, ToolExecutionRequest call) {
    return run.task.id() + "/" + run.counters.steps() + "/" + indexInReply(run.messages, call);
  }

  static int indexInReply(List<ChatMessage> messages, ToolExecutionRequest call) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        List<ToolExecutionRequest> calls = ai.toolExecutionRequests();
        for (int j = 0; j < calls.size(); j++) {
          if (calls.get(j) == call) {
            return j;
          }
        }
        return calls.indexOf(call);
      }
    }
    return -1;
  }

  private boolean append(
      RunState run, JournalEntry.Kind kind, String key, String payload, boolean forced) {
    JournalEntry entry =
        new JournalEntry(run.task.id(), run.journalSeq.getAndIncrement(), kind, key, payload);
    Containment.Result<Object> stored =
        Containment.call(() -> {
          if (forced) {
            journal.appendForced(entry);
          } else {
            journal.append(entry);
          }
          return entry;
        });
    if (stored instanceof Containment.Threw<Object> threw) {
      LOG.warn(
          "task journal {} could not store the {} record of a task ({}); {}",
          journal.getClass().getName(),
          kind,
          threw.failure().getClass().getSimpleName(),
          forced ? "the step that needed it does not run" : "recovery may repeat that step");
      return false;
    }
    return true;
  }
}
