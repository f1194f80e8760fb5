package io.agentkeel.security;

/**
 * Thrown by an {@link AuditLog} that cannot store an entry its {@link AuditFailurePolicy} does not
 * let go; the agent then fails the task, before the tool whose intent it was runs. The message
 * names the event type and task, never the event's content.
 */
public final class AuditUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be stored
   * @param cause why
   */
  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
