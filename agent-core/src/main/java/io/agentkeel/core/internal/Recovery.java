package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.tools.spi.SideEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Agent.recover()}: finds the tasks whose journal holds no outcome and continues each from
 * its journal, unless it still waits in review or runs here. A task whose journal cannot be decoded
 * ends failed, naming why, so that no task is left without an outcome.
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final RunServices services;
  private final Predicate<String> inFlight;
  private final BiFunction<Task, Function<TaskRun, AgentResult>, AgentResult> runSupervised;

  Recovery(
      RunServices services,
      Predicate<String> inFlight,
      BiFunction<Task, Function<TaskRun, AgentResult>, AgentResult> runSupervised) {
    this.services = services;
    this.inFlight = inFlight;
    this.runSupervised = runSupervised;
  }

  /**
   * Continues every task whose journal holds no outcome.
   *
   * @return the outcomes of the tasks continued
   */
  List<AgentResult> recoverAll() {
    RunJournal journal = services.journal();
    if (!journal.records()) {
      return List.of();
    }
    List<String> unfinished =
        Containment.orElse(
            "task journal", journal.journal(), () -> journal.journal().unfinished(), List::of);
    List<AgentResult> results = new ArrayList<>();
    for (String taskId : unfinished) {
      recoverOne(taskId, false).ifPresent(results::add);
    }
    return results;
  }

  /**
   * Continues one task whose journal holds no outcome.
   *
   * @param taskId the task
   * @param takeover whether an intake handed the task over from an instance that died
   * @return its outcome; empty if there was nothing to continue
   */
  Optional<AgentResult> recoverOne(String taskId, boolean takeover) {
    RunJournal journal = services.journal();
    if (!journal.records()) {
      return Optional.empty();
    }
    List<JournalEntry> entries = journal.read(taskId);
    if (entries.isEmpty() || inFlight.test(taskId)) {
      return Optional.empty();
    }
    JournalEntry last = entries.getLast();
    if (last.kind() == JournalEntry.Kind.ENDED
        || last.kind() == JournalEntry.Kind.SUSPENDED && stillWaiting(last.key())) {
      return Optional.empty();
    }
    // The workflow's cap on calls per reply, from the start record alone: the journal is decoded
    // once.
    int callsPerReply =
        JournalReplay.taskOf(entries)
            .map(task -> services.settings().workflows().get(task.workflow()))
            .map(known -> known.budget().maxCallsPerReply())
            .orElse(Integer.MAX_VALUE);
    JournalReplay.Rebuilt rebuilt;
    switch (JournalReplay.rebuild(entries, callsPerReply, this::instructions)) {
      case JournalReplay.Unreadable unreadable -> {
        LOG.warn(
            "task journal: task {} cannot be recovered: {}",
            PrintableText.escape(taskId),
            unreadable.reason());
        return unreadable(taskId, entries, unreadable.reason());
      }
      case JournalReplay.Rebuilt readable -> rebuilt = readable;
    }
    return continued(
        rebuilt.task(),
        entries,
        run -> {
          run.state()
              .events
              .emit(
                  new AgentEvent.TaskRecovered(
                      taskId,
                      run.state().context.now(),
                      rebuilt.task().workflow(),
                      entries.size(),
                      takeover));
          return run.recover(rebuilt);
        });
  }

  /**
   * Runs the continuation of a task under the supervisor, once this run has joined its journal
   * (another run that appended first keeps it) and announced its start.
   */
  private Optional<AgentResult> continued(
      Task task, List<JournalEntry> entries, Function<TaskRun, AgentResult> body) {
    return Optional.of(
        runSupervised.apply(
            task,
            run -> {
              if (!services
                  .journal()
                  .joined(run.state(), JournalEntry.Kind.RECOVERED, "", entries)) {
                return takenOver(
                    run.state(),
                    FailureCategory.INVALID_TASK,
                    "task '"
                        + PrintableText.escape(task.id())
                        + "' is being continued by another run, which appended to its journal"
                        + " first");
              }
              run.state()
                  .events
                  .emit(
                      new AgentEvent.TaskStarted(
                          task.id(),
                          run.state().context.now(),
                          task.workflow(),
                          task.principal().id()));
              return body.apply(run);
            }));
  }

  /**
   * A task whose journal cannot be rebuilt still gets an outcome: it fails, naming why, so that no
   * task is left without one. Its task, if even that record is unreadable, is a stand-in with the
   * id alone.
   */
  private Optional<AgentResult> unreadable(
      String taskId, List<JournalEntry> entries, String reason) {
    Task task =
        JournalReplay.taskOf(entries)
            .filter(t -> t.id().equals(taskId))
            .orElseGet(() ->
                Task.builder()
                    .id(taskId)
                    .input("")
                    .principal(io.agentkeel.api.Principal.of("unknown"))
                    .build());
    return continued(
        task,
        entries,
        run ->
            run.end()
                .fail(
                    FailureCategory.INTERNAL,
                    "task '"
                        + PrintableText.escape(taskId)
                        + "' cannot be continued: its journal is unreadable ("
                        + reason
                        + "); check what its calls did before running it again"));
  }

  /** The current system message of a workflow, by name; a workflow not configured gets defaults. */
  private String instructions(String workflow) {
    Workflow known = services.settings().workflows().get(workflow);
    return services
        .offers()
        .systemMessage(known != null ? known : Workflow.builder(workflow).build())
        .text();
  }

  /** Whether a review request still waits in the queue (not claimed by a run that then died). */
  private boolean stillWaiting(String requestId) {
    ReviewQueue reviews = services.reviews();
    return Containment.orElse(
        "review queue", reviews, () -> reviews.find(requestId).isPresent(), () -> true);
  }

  /** The task's journal belongs to another run: this run stops without recording an outcome. */
  static AgentResult takenOver(RunState run, FailureCategory category, String reason) {
    run.journalSeq.set(-1);
    return new AgentResult(
        run.task.id(),
        new Outcome.Failed(category, reason),
        Optional.empty(),
        Optional.empty(),
        reason,
        List.of());
  }

  /**
   * The call to send to a person because it may already have run: the journal holds its intent and
   * no result, and it is not read-only. The side effect and the idempotency key are the catalog's,
   * not the journal's: a journal is data and may be wrong; a tool the catalog no longer holds
   * counts as a write.
   *
   * @param services the agent's services
   * @param rebuilt the run rebuilt from its journal
   * @return the call to confirm, if any
   */
  static Optional<PendingToolCall> mayHaveRun(RunServices services, JournalReplay.Rebuilt rebuilt) {
    if (rebuilt.unanswered().isEmpty()) {
      return Optional.empty();
    }
    RunJournal.Intent intent = rebuilt.unanswered().get();
    Optional<RegisteredTool> tool = services.offers().catalog().find(intent.tool());
    boolean readOnly =
        tool.map(t -> t.descriptor().sideEffect() == SideEffect.READ_ONLY).orElse(false);
    boolean keyed = tool.map(t -> t.descriptor().usesIdempotencyKey()).orElse(false);
    if (readOnly || keyed) {
      return Optional.empty();
    }
    List<String> scopes = tool.map(t -> t.descriptor().scopes()).orElse(List.of());
    return Optional.of(new PendingToolCall(intent.tool(), intent.arguments(), scopes));
  }
}
