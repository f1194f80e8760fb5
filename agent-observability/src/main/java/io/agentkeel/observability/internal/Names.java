package io.agentkeel.observability.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Outcome;
import java.util.Locale;

/** The names events, outcomes and actions have in the decision log, metrics and spans. */
public final class Names {

  private Names() {}

  /**
   * The event's name: its type in snake case.
   *
   * @param event the event
   * @return such as {@code tool_called}
   */
  public static String event(AgentEvent event) {
    return switch (event) {
      case AgentEvent.TaskStarted e -> "task_started";
      case AgentEvent.TaskFinished e -> "task_finished";
      case AgentEvent.ModelCalled e -> "model_called";
      case AgentEvent.ModelFailed e -> "model_failed";
      case AgentEvent.FallbackUsed e -> "fallback_used";
      case AgentEvent.ToolCalled e -> "tool_called";
      case AgentEvent.ToolFailed e -> "tool_failed";
      case AgentEvent.GuardDecision e -> "guard_decision";
      case AgentEvent.RateLimitHit e -> "rate_limit_hit";
      case AgentEvent.ToolIntended e -> "tool_intended";
      case AgentEvent.LimitReached e -> "limit_reached";
      case AgentEvent.ContextAssembled e -> "context_assembled";
      case AgentEvent.RetryScheduled e -> "retry_scheduled";
      case AgentEvent.Routed e -> "routed";
      case AgentEvent.ReviewDecided e -> "review_decided";
      case AgentEvent.TaskRecovered e -> "task_recovered";
      case AgentEvent.MayHaveRun e -> "may_have_run";
    };
  }

  /**
   * The outcome's name.
   *
   * @param outcome the outcome
   * @return one of {@code completed}, {@code in_review}, {@code escalated}, {@code refused}, {@code
   *     rate_limited}, {@code failed}
   */
  public static String outcome(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Completed c -> "completed";
      case Outcome.InReview r -> "in_review";
      case Outcome.Escalated e -> "escalated";
      case Outcome.Refused r -> "refused";
      case Outcome.RateLimited r -> "rate_limited";
      case Outcome.Failed f -> "failed";
    };
  }

  /**
   * An enum constant in lower case.
   *
   * @param value the constant
   * @return its lower-case name
   */
  public static String lower(Enum<?> value) {
    return LOWER.get(value.getDeclaringClass())[value.ordinal()];
  }

  // Each enum type's lower-case names by ordinal, made once: events name enums all the time.
  private static final ClassValue<String[]> LOWER =
      new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
          Object[] constants = type.getEnumConstants();
          String[] names = new String[constants.length];
          for (int i = 0; i < constants.length; i++) {
            names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
          }
          return names;
        }
      };
}
