package io.agentkeel.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task put before a person: what to decide, how urgently, why, and the agent's state to resume
 * from. Made only of values and text, so a queue can store it anywhere and a different process can
 * resume it.
 *
 * @param id unique id, named by the {@link ReviewDecision}
 * @param task the task waiting
 * @param kind what the person decides
 * @param priority how urgently
 * @param reason why the agent asks, in one sentence
 * @param proposedAnswer the agent's answer, for {@link ReviewKind#ANSWER} and some escalations
 * @param confidence the confidence that routed the task here, if one was scored
 * @param pendingCall the destructive call to confirm, for {@link ReviewKind#DESTRUCTIVE_CALL}
 * @param state the agent's serialised state to resume from; opaque to everyone but the agent
 * @param createdAt when the request was made
 */
public record ReviewRequest(
    String id,
    Task task,
    ReviewKind kind,
    Priority priority,
    String reason,
    Optional<String> proposedAnswer,
    Optional<Confidence> confidence,
    Optional<PendingToolCall> pendingCall,
    String state,
    Instant createdAt) {

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public ReviewRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(proposedAnswer, "proposedAnswer");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(pendingCall, "pendingCall");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
