package io.agentkeel.core.internal;

import io.agentkeel.api.AssembledContext;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.ContextItem;
import io.agentkeel.api.ContextRequest;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.VersionedValue;
import io.agentkeel.api.memory.WorkingMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Core's context assembler: task facts, working state, recalled memories and the newest session
 * turns, in that order, each while it fits the token budget; what does not fit is left out and
 * named. A memory store that fails contributes nothing.
 */
final class CoreContextAssembler implements ContextAssembler {
  private final SessionMemory sessions;
  private final WorkingMemory working;
  private final Optional<LongTermMemory> longTerm;

  CoreContextAssembler(
      SessionMemory sessions, WorkingMemory working, Optional<LongTermMemory> longTerm) {
    this.sessions = sessions;
    this.working = working;
    this.longTerm = longTerm;
  }

  @Override
  public AssembledContext assemble(ContextRequest request, RunContext context) {
    int used =
        request.estimator().estimate(request.instructions())
            + request.estimator().estimate(request.input());
    List<ContextItem> items = new ArrayList<>();
    List<String> omitted = new ArrayList<>();
    List<ContextItem> candidates = new ArrayList<>();
    context.task().attributes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> candidates.add(new ContextItem(ContextItem.Kind.FACT, e.getValue(), e.getKey())));
    Map<String, VersionedValue> state =
        Containment.orElse(
            "working memory", working, () -> working.snapshot(context.task().id()), Map::of);
    state.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e ->
            candidates.add(
                new ContextItem(ContextItem.Kind.WORKING_STATE, e.getValue().value(), e.getKey())));
    MemoryOwner owner = MemoryOwner.of(context.principal());
    if (longTerm.isPresent() && request.recallLimit() > 0) {
      List<RecalledMemory> recalled =
          Containment.orElse(
              "long-term memory",
              longTerm.get(),
              () ->
                  longTerm
                      .get()
                      .recall(MemoryQuery.of(owner, request.input(), request.recallLimit())),
              List::of);
      for (RecalledMemory memory : recalled) {
        candidates.add(
            new ContextItem(ContextItem.Kind.MEMORY, memory.record().text(), memory.record().id()));
      }
    }
    for (ContextItem item : candidates) {
      int cost = request.estimator().estimate(item.origin() + ": " + item.text()) + 2;
      if (used + cost <= request.tokenBudget()) {
        items.add(item);
        used += cost;
      } else {
        omitted.add(item.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + item.origin());
      }
    }
    List<ChatTurn> history = new ArrayList<>();
    Optional<String> session = context.task().sessionId();
    if (session.isPresent() && request.sessionTurns() > 0) {
      List<ChatTurn> turns =
          Containment.orElse(
              "session memory",
              sessions,
              () -> sessions.recent(owner, session.get(), request.sessionTurns()),
              List::of);
      for (int i = turns.size() - 1; i >= 0; i--) {
        int cost = request.estimator().estimate(turns.get(i).text()) + 2;
        if (used + cost > request.tokenBudget()) {
          omitted.add((i + 1) + " older session turn(s)");
          break;
        }
        history.add(0, turns.get(i));
        used += cost;
      }
    }
    return new AssembledContext(items, history, used, omitted);
  }
}
