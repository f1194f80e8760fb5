package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.tools.spi.SideEffect;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one run: the conversation, the tool calls of the last reply still to run,
 * the counters and the repeated-call counts. Owned by the run's thread; only {@link #inFlight} is
 * read by the supervisor, to say which call an abandoned run was in.
 */
final class RunState {

  /**
   * A tool call as repeated-call detection sees it: the tool and its canonical arguments (defaults
   * filled, keys sorted). Not the bound record: its equals compares an array component by identity,
   * so calls with array arguments never counted as repeated.
   */
  record CallKey(String tool, String arguments) {}

  /** The tool call running right now. */
  record InFlight(String tool, SideEffect sideEffect, String argumentsJson) {}

  final Task task;
  final Workflow workflow;
  final RunContext context;
  final MemoryOwner owner;
  final EventRecorder events;
  final Deadline deadline;
  final long startedNanos;
  String input;
  List<ChatMessage> messages = new ArrayList<>();
  final Deque<ToolExecutionRequest> pending = new ArrayDeque<>();
  Map<CallKey, Integer> callCounts = new HashMap<>();
  RunCounters counters = RunCounters.ZERO;
  ToolOffers.Offer offer = new ToolOffers.Offer(Map.of(), List.of());
  volatile InFlight inFlight;

  /** The sequence of the run's next journal record; negative while the run has no journal. */
  final java.util.concurrent.atomic.AtomicLong journalSeq =
      new java.util.concurrent.atomic.AtomicLong(-1);

  RunState(
      Task task, Workflow workflow, RunContext context, EventRecorder events, Deadline deadline) {
    this.task = task;
    this.workflow = workflow;
    this.context = context;
    this.owner = MemoryOwner.of(task.principal());
    this.events = events;
    this.deadline = deadline;
    this.startedNanos = System.nanoTime();
    this.input = task.input();
  }

  /** Takes the conversation, the calls still to make and the counters of a run's journal. */
  void restore(JournalReplay.Rebuilt rebuilt) {
    input = rebuilt.input();
    messages = new ArrayList<>(rebuilt.messages());
    pending.clear();
    pending.addAll(rebuilt.pending());
    for (int i = 0; i < rebuilt.steps(); i++) {
      counters = counters.step();
    }
    for (int i = 0; i < rebuilt.failedValidations(); i++) {
      counters = counters.failedValidation();
    }
  }
}
