package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.Task;
import io.agentkeel.core.tool.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Rebuilds a run from its journal: the task, the conversation as the model saw it (each recorded
 * reply and result in order, no model call repeated), the counters, and the calls of the last reply
 * that have no result yet, the first of which may have an intent (it may have run).
 */
final class JournalReplay {
  private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

  private JournalReplay() {}

  /** What came of a replay. */
  sealed interface Replay {}

  /** The journal cannot be replayed, for this reason. */
  record Unreadable(String reason) implements Replay {}

  /**
   * A run rebuilt from its journal.
   *
   * @param task the task
   * @param input the input after the input guards
   * @param messages the conversation
   * @param pending the calls of the last reply without a result, in order
   * @param steps model replies recorded
   * @param failedValidations validation feedback recorded
   * @param unanswered the intent of the first pending call, if one was recorded: it may have run
   * @param entries the records read
   */
  record Rebuilt(
      Task task,
      String input,
      List<ChatMessage> messages,
      List<ToolExecutionRequest> pending,
      int steps,
      int failedValidations,
      Optional<RunJournal.Intent> unanswered,
      List<JournalEntry> entries)
      implements Replay {

    /** Whether the conversation ends with a reply that answers, which still needs routing. */
    Optional<AiMessage> lastAnswer() {
      if (!messages.isEmpty()
          && messages.getLast() instanceof AiMessage ai
          && !ai.hasToolExecutionRequests()) {
        return Optional.of(ai);
      }
      return Optional.empty();
    }
  }

  /**
   * Rebuilds the run.
   *
   * @param entries the task's records, in order
   * @param maxCallsPerReply the workflow's cap on calls per reply
   * @param instructions the current system message of a workflow, by name: a start record that
   *     refers to its workflow's system message gets this one back in front (a changed one is
   *     logged; the task goes on under the current configuration, as it does with the catalog)
   * @return the run, or why it cannot be rebuilt
   */
  static Replay rebuild(
      List<JournalEntry> entries, int maxCallsPerReply, Function<String, String> instructions) {
    try {
      return decode(entries, maxCallsPerReply, instructions);
    } catch (JacksonException
        | IllegalArgumentException
        | IllegalStateException
        | ClassCastException
        | NullPointerException unreadable) {
      // A journal is data from outside this process: a record that decodes to JSON with fields
      // missing (null roles, texts, tasks) fails here, never out of recover().
      return new Unreadable(
          "a record of the journal is unreadable (" + unreadable.getClass().getSimpleName() + ")");
    }
  }

  private static Replay decode(
      List<JournalEntry> entries, int maxCallsPerReply, Function<String, String> instructions) {
    if (entries.isEmpty() || entries.getFirst().kind() != JournalEntry.Kind.STARTED) {
      return new Unreadable("the journal does not begin with the task's start record");
    }
    RunJournal.Started started;
    try {
      started = Json.MAPPER.readValue(entries.getFirst().payload(), RunJournal.Started.class);
    } catch (JacksonException | IllegalArgumentException unreadable) {
      return new Unreadable(
          "the start record is unreadable (" + unreadable.getClass().getSimpleName() + ")");
    }
    if (started.version() != RunJournal.VERSION) {
      return new Unreadable(
          "the journal has format version "
              + started.version()
              + "; this agent reads version "
              + RunJournal.VERSION);
    }
    List<SuspendedState.StoredMessage> first = started.messages();
    if (started.instructions() != null) {
      if (first.isEmpty() || !"system".equals(first.getFirst().role())) {
        return new Unreadable("the start record refers to instructions but has no system message");
      }
      String current = instructions.apply(started.task().workflow());
      if (!RunJournal.digest(current).equals(started.instructions())) {
        LOG.warn(
            "task journal: the instructions of workflow {} changed since task {} started; it goes"
                + " on with the current ones",
            PrintableText.escape(started.task().workflow()),
            PrintableText.escape(started.task().id()));
      }
      first = new ArrayList<>(first);
      first.set(
          0,
          new SuspendedState.StoredMessage(
              "system", current + first.getFirst().text(), null, null, null));
    }
    List<ChatMessage> messages =
        new ArrayList<>(
            new SuspendedState(SuspendedState.VERSION, first, List.of(), null, List.of(), "")
                .restoreMessages());
    AiMessage lastReply = null;
    Set<String> answered = new HashSet<>();
    Map<String, RunJournal.Intent> intents = new HashMap<>();
    int steps = 0;
    int failed = 0;
    String taskId = started.task().id();
    try {
      for (JournalEntry entry : entries.subList(1, entries.size())) {
        switch (entry.kind()) {
          case MODEL_REPLY -> {
            SuspendedState.StoredMessage stored =
                Json.MAPPER.readValue(entry.payload(), SuspendedState.StoredMessage.class);
            ChatMessage reply =
                new SuspendedState(
                        SuspendedState.VERSION, List.of(stored), List.of(), null, List.of(), "")
                    .restoreMessages()
                    .getFirst();
            messages.add(reply);
            steps++;
            lastReply = (AiMessage) reply;
            answered.clear();
            intents.clear();
          }
          case TOOL_INTENT ->
              intents.put(
                  entry.key(), Json.MAPPER.readValue(entry.payload(), RunJournal.Intent.class));
          case TOOL_RESULT -> {
            ToolExecutionRequest call = callOf(lastReply, entry.key());
            if (call == null) {
              return new Unreadable("tool result " + entry.key() + " belongs to no recorded reply");
            }
            messages.add(ToolExecutionResultMessage.from(call, entry.payload()));
            answered.add(entry.key());
          }
          case FEEDBACK -> {
            messages.add(UserMessage.from(entry.payload()));
            failed++;
          }
          case STARTED, SUSPENDED, RESUMED, RECOVERED, ENDED -> {
            // Markers of the run's life; they change nothing in the conversation.
          }
        }
      }
    } catch (JacksonException | IllegalArgumentException | ClassCastException unreadable) {
      return new Unreadable(
          "a record of the journal is unreadable (" + unreadable.getClass().getSimpleName() + ")");
    }
    List<ToolExecutionRequest> pending = new ArrayList<>();
    Optional<RunJournal.Intent> unanswered = Optional.empty();
    if (lastReply != null && lastReply.hasToolExecutionRequests()) {
      List<ToolExecutionRequest> calls = lastReply.toolExecutionRequests();
      for (int i = 0; i < Math.min(calls.size(), maxCallsPerReply); i++) {
        String key = taskId + "/" + steps + "/" + i;
        if (!answered.contains(key)) {
          if (pending.isEmpty()) {
            unanswered = Optional.ofNullable(intents.get(key));
          }
          pending.add(calls.get(i));
        }
      }
    }
    return new Rebuilt(
        started.task().restore(),
        started.guardedInput(),
        messages,
        pending,
        steps,
        failed,
        unanswered,
        entries);
  }

  /**
   * The task of a journal, read from its start record alone; empty if even that is unreadable.
   *
   * @param entries the task's records
   * @return the task, if its start record can be read
   */
  static Optional<Task> taskOf(List<JournalEntry> entries) {
    if (entries.isEmpty() || entries.getFirst().kind() != JournalEntry.Kind.STARTED) {
      return Optional.empty();
    }
    try {
      RunJournal.Started started =
          Json.MAPPER.readValue(entries.getFirst().payload(), RunJournal.Started.class);
      return started == null || started.task() == null
          ? Optional.empty()
          : Optional.of(started.task().restore());
    } catch (JacksonException | IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  private static ToolExecutionRequest callOf(AiMessage reply, String key) {
    if (reply == null || !reply.hasToolExecutionRequests()) {
      return null;
    }
    int slash = key.lastIndexOf('/');
    try {
      int index = Integer.parseInt(key.substring(slash + 1));
      List<ToolExecutionRequest> calls = reply.toolExecutionRequests();
      return index >= 0 && index < calls.size() ? calls.get(index) : null;
    } catch (NumberFormatException malformed) {
      return null;
    }
  }
}
