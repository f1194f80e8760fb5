package io.agentkeel.tools.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tool failed, loudly. Throw it whenever a tool cannot do its job, instead of returning an empty
 * or partial result the model could mistake for an answer.
 *
 * <p>It carries two texts: a {@linkplain #messageForModel() message for the model}, which says what
 * failed in terms the model can act on and is shown to it, and an optional {@linkplain
 * #detailForLog() detail for the log}, which is for operators only and is never shown to the model.
 * Neither may contain secrets or personal data. {@link #retryable()} says whether the same call may
 * succeed later (a timeout, a busy service) or never will (no such order).
 *
 * <p>When the agent itself rejects a call's arguments, the exception lists each {@link
 * ArgumentViolation}.
 */
public class ToolException extends Exception {

  private final String detailForLog;
  private final boolean retryable;
  private final List<ArgumentViolation> violations;

  /**
   * Creates a tool failure.
   *
   * @param messageForModel what failed, for the model; not null or blank
   * @param detailForLog detail for operators, or null for none
   * @param retryable whether the same call may succeed later
   * @param cause the underlying failure, or null
   */
  public ToolException(
      String messageForModel, String detailForLog, boolean retryable, Throwable cause) {
    this(messageForModel, detailForLog, retryable, cause, List.of());
  }

  private ToolException(
      String messageForModel,
      String detailForLog,
      boolean retryable,
      Throwable cause,
      List<ArgumentViolation> violations) {
    super(requireText(messageForModel), cause);
    this.detailForLog = detailForLog;
    this.retryable = retryable;
    this.violations = List.copyOf(violations);
  }

  /**
   * A failure that may go away if the call is made again later (a timeout, a busy dependency).
   *
   * @param messageForModel what failed, for the model
   * @return the exception
   */
  public static ToolException retryable(String messageForModel) {
    return new ToolException(messageForModel, null, true, null);
  }

  /**
   * A failure that the same call will meet again (no such record, not allowed).
   *
   * @param messageForModel what failed, for the model
   * @return the exception
   */
  public static ToolException permanent(String messageForModel) {
    return new ToolException(messageForModel, null, false, null);
  }

  /**
   * The arguments of a call to {@code toolName} were invalid. The message lists every violation, so
   * the model can correct all of them at once; such a call can succeed once corrected, so it is
   * retryable.
   *
   * @param toolName the tool that was called
   * @param violations every problem found; at least one
   * @return the exception
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public static ToolException invalidArguments(
      String toolName, List<ArgumentViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("invalidArguments needs at least one violation");
    }
    String message =
        "invalid arguments for tool '"
            + toolName
            + "':\n"
            + violations.stream().map(v -> "- " + v).collect(Collectors.joining("\n"))
            + "\nCorrect these arguments and call the tool again.";
    return new ToolException(message, null, true, null, violations);
  }

  private static String requireText(String message) {
    Objects.requireNonNull(message, "messageForModel");
    if (message.isBlank()) {
      throw new IllegalArgumentException("a ToolException needs a message for the model");
    }
    return message;
  }

  /**
   * What failed, in terms the model can act on; the same as {@link #getMessage()}.
   *
   * @return the message for the model
   */
  public String messageForModel() {
    return getMessage();
  }

  /**
   * Detail for operators' logs; never shown to the model.
   *
   * @return the detail, if any
   */
  public Optional<String> detailForLog() {
    return Optional.ofNullable(detailForLog);
  }

  /**
   * Whether the same call may succeed if made again.
   *
   * @return true if a retry can help
   */
  public boolean retryable() {
    return retryable;
  }

  /**
   * The argument problems, when the call was rejected for its arguments.
   *
   * @return the violations; empty for any other failure
   */
  public List<ArgumentViolation> violations() {
    return violations;
  }
}
