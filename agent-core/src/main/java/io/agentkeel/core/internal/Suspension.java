package io.agentkeel.core.internal;

import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.core.tool.internal.Json;
import io.agentkeel.tools.spi.ToolException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/** Writes a waiting run into a {@link SuspendedState} and reads it back, checking the binding. */
final class Suspension {
  private Suspension() {}

  static String serialise(
      RunState run, PendingToolCall shown, String canonicalArguments, ToolCatalog catalog) {
    List<SuspendedState.CallCount> counts = new ArrayList<>();
    run.callCounts.forEach((key, count) ->
        counts.add(new SuspendedState.CallCount(key.tool(), key.arguments(), count)));
    SuspendedState state =
        new SuspendedState(
            SuspendedState.VERSION,
            SuspendedState.store(run.messages),
            run.pending.stream().map(SuspendedState::store).toList(),
            run.counters,
            counts,
            SuspendedState.digest(shown, shown.tool(), canonicalArguments));
    return Json.MAPPER.writeValueAsString(state);
  }

  /**
   * Restores a run from the request's state.
   *
   * @return why the state cannot be resumed, if it cannot
   */
  static Optional<String> restore(ReviewRequest request, RunState run, ToolCatalog catalog) {
    SuspendedState state;
    try {
      state = Json.MAPPER.readValue(request.state(), SuspendedState.class);
    } catch (JacksonException | IllegalArgumentException unreadable) {
      return Optional.of(
          "the suspended state of review request " + request.id() + " is unreadable");
    }
    if (state.version() != SuspendedState.VERSION) {
      return Optional.of(
          "the suspended state has format version "
              + state.version()
              + "; this agent reads version "
              + SuspendedState.VERSION);
    }
    if (state.pending() == null || state.pending().isEmpty() || request.pendingCall().isEmpty()) {
      return Optional.of("the suspended state holds no pending tool call");
    }
    SuspendedState.StoredCall head = state.pending().getFirst();
    PendingToolCall shown = request.pendingCall().get();
    Optional<RegisteredTool> tool = catalog.find(head.name());
    String canonical;
    try {
      canonical =
          tool.isPresent() ? tool.get().canonicalArguments(tool.get().bind(head.arguments())) : "";
    } catch (ToolException changed) {
      canonical = "";
    }
    if (tool.isEmpty()
        || !head.name().equals(shown.tool())
        || !SuspendedState.digest(shown, head.name(), canonical).equals(state.pendingDigest())) {
      return Optional.of(
          "the suspended state does not match the call shown to the reviewer ("
              + PrintableText.escape(shown.tool())
              + "); refused to run a call nobody approved");
    }
    run.messages = new ArrayList<>(state.restoreMessages());
    run.pending.clear();
    state.pending().forEach(call -> run.pending.add(SuspendedState.restore(call)));
    run.counters = state.counters();
    run.callCounts = new HashMap<>();
    for (SuspendedState.CallCount count : state.callCounts()) {
      catalog
          .find(count.tool())
          .ifPresent(t -> {
            try {
              run.callCounts.put(
                  new RunState.CallKey(
                      count.tool(), t.canonicalArguments(t.bind(count.argumentsJson()))),
                  count.count());
            } catch (ToolException changed) {
              // The tool's parameters changed while the task waited; the count starts over.
            }
          });
    }
    return Optional.empty();
  }
}
