package io.agentkeel.tools.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What a tool may know about the call it serves, and nothing more: which task, on whose behalf, and
 * by when it must answer.
 *
 * <p>When the deadline passes the agent stops waiting and interrupts the calling thread; a tool
 * doing blocking work should let {@link InterruptedException} end it.
 *
 * <p>The idempotency key is stable per call: a call that the agent runs again after its process
 * died (a read-only call, or a write whose tool {@linkplain ToolDescriptor#usesIdempotencyKey()
 * declares} that it passes the key on) gets the same key as the first attempt. A tool that hands it
 * to its own system (a payment API's idempotency key, say) makes such a re-run safe.
 *
 * @param taskId the id of the task the call belongs to
 * @param principalId the id of the principal on whose behalf the task runs
 * @param deadline the instant after which the result is no longer used
 * @param idempotencyKey the call's stable key, derived from the task id and the call's place in the
 *     run; never blank
 */
public record ToolContext(
    String taskId, String principalId, Instant deadline, String idempotencyKey) {

  /**
   * Checks that no component is null.
   *
   * @throws NullPointerException if one is
   */
  public ToolContext {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isBlank()) {
      throw new IllegalArgumentException(
          "the idempotency key of a call to task '" + taskId + "' must not be blank");
    }
  }

  /**
   * A context outside a run (tests, direct calls), whose idempotency key is the task id: every call
   * made with it shares one key.
   *
   * @param taskId the id of the task the call belongs to
   * @param principalId the id of the principal on whose behalf the task runs
   * @param deadline the instant after which the result is no longer used
   * @throws NullPointerException if a component is null
   */
  public ToolContext(String taskId, String principalId, Instant deadline) {
    this(taskId, principalId, deadline, Objects.requireNonNull(taskId, "taskId"));
  }
}
