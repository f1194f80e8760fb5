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
 * @param taskId the id of the task the call belongs to
 * @param principalId the id of the principal on whose behalf the task runs
 * @param deadline the instant after which the result is no longer used
 */
public record ToolContext(String taskId, String principalId, Instant deadline) {

  /**
   * Checks that no component is null.
   *
   * @throws NullPointerException if one is
   */
  public ToolContext {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(deadline, "deadline");
  }
}
