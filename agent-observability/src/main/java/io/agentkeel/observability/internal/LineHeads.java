package io.agentkeel.observability.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Route;
import io.agentkeel.observability.DecisionLog;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The first fields of a decision log line, schema, timestamp, event and action, as text made once
 * per event type (and route, guard action or kind of recovery): a line starts with two appends and
 * the timestamp instead of eight fields written one by one.
 */
final class LineHeads {

  /** Every line's start, up to the timestamp's value. */
  static final String OPENING = "{\"schema\":\"" + DecisionLog.SCHEMA_ID + "\",\"ts\":\"";

  private static final ConcurrentMap<Class<?>, String> BY_TYPE = new ConcurrentHashMap<>();
  private static final String[] ROUTED = heads("routed", "route_", Route.values());
  private static final String[] GUARDED =
      heads("guard_decision", "guard_", AgentEvent.GuardAction.values());
  private static final String RECOVERED = head("task_recovered") + "\"recover_task\"";
  private static final String TAKEN_OVER = head("task_recovered") + "\"take_over_task\"";

  private LineHeads() {}

  /**
   * Appends what follows the timestamp's value: its closing quote, the event and the action.
   *
   * @param b the line so far, ending in the timestamp
   * @param event the event
   */
  static void appendAfterTimestamp(StringBuilder b, AgentEvent event) {
    switch (event) {
      case AgentEvent.Routed e -> b.append(ROUTED[e.route().ordinal()]);
      case AgentEvent.GuardDecision e -> b.append(GUARDED[e.action().ordinal()]);
      case AgentEvent.TaskRecovered e -> b.append(e.takeover() ? TAKEN_OVER : RECOVERED);
      // The verdict is free text: this action is quoted, and so built, per line.
      case AgentEvent.ReviewDecided e -> Json.quote(b.append(head(Names.event(e))), action(e));
      default -> {
        // get first: computeIfAbsent's lambda, capturing the event, would be made for every line.
        String head = BY_TYPE.get(event.getClass());
        b.append(
            head != null
                ? head
                : BY_TYPE.computeIfAbsent(event.getClass(), type -> constantHead(event)));
      }
    }
  }

  /**
   * The event's action in the decision log. An event type whose action varies with its fields needs
   * its own case in {@link #appendAfterTimestamp} too: the others' heads are cached by type.
   *
   * @param event the event
   * @return such as {@code call_tool}
   */
  static String action(AgentEvent event) {
    return switch (event) {
      case AgentEvent.TaskStarted e -> "start_task";
      case AgentEvent.TaskFinished e -> "finish_task";
      case AgentEvent.ModelCalled e -> "call_model";
      case AgentEvent.ModelFailed e -> "call_model";
      case AgentEvent.FallbackUsed e -> "fall_back";
      case AgentEvent.ToolCalled e -> "call_tool";
      case AgentEvent.ToolFailed e -> "call_tool";
      case AgentEvent.GuardDecision e -> "guard_" + Names.lower(e.action());
      case AgentEvent.RateLimitHit e -> "rate_limit";
      case AgentEvent.ToolIntended e -> "intend_tool_call";
      case AgentEvent.LimitReached e -> "stop_at_limit";
      case AgentEvent.ContextAssembled e -> "assemble_context";
      case AgentEvent.RetryScheduled e -> "retry_answer";
      case AgentEvent.Routed e -> "route_" + Names.lower(e.route());
      case AgentEvent.ReviewDecided e -> "review_" + e.verdict();
      case AgentEvent.TaskRecovered e -> e.takeover() ? "take_over_task" : "recover_task";
      case AgentEvent.MayHaveRun e -> "review_may_have_run";
    };
  }

  /** For an event type whose action never changes (all but the four above). */
  private static String constantHead(AgentEvent event) {
    return head(Names.event(event)) + '"' + action(event) + '"';
  }

  private static String head(String eventName) {
    return "\",\"event\":\"" + eventName + "\",\"action\":";
  }

  private static String[] heads(String eventName, String prefix, Enum<?>[] values) {
    String[] heads = new String[values.length];
    for (Enum<?> value : values) {
      heads[value.ordinal()] = head(eventName) + '"' + prefix + Names.lower(value) + '"';
    }
    return heads;
  }
}
