package io.agentkeel.api;

import io.agentkeel.tools.spi.ArgumentViolation;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@link ReviewDecision.Edit} of a waiting tool call whose revision that tool does not accept as
 * its arguments: not a JSON object, or one that breaks the tool's parameter schema (a wrong type, a
 * missing required argument, a value out of bounds). {@link Agent#resume} throws it before the
 * decision is taken, so the request stays waiting and the reviewer can decide it again with
 * corrected arguments.
 *
 * <p>Its message names the request, the tool and every problem (path, what was expected, what
 * came), escaped for printing.
 */
public final class InvalidRevisionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String requestId;
  private final String tool;
  private final transient List<ArgumentViolation> violations;

  /**
   * Creates the exception.
   *
   * @param requestId the review request that still waits
   * @param tool the tool whose call waits
   * @param violations every problem with the revision; at least one
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public InvalidRevisionException(
      String requestId, String tool, List<ArgumentViolation> violations) {
    super(message(requestId, tool, violations));
    this.requestId = requestId;
    this.tool = tool;
    this.violations = List.copyOf(violations);
  }

  private static String message(String requestId, String tool, List<ArgumentViolation> violations) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(tool, "tool");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an InvalidRevisionException needs a violation");
    }
    return "the revision of review request '"
        + PrintableText.escape(requestId)
        + "' is not arguments tool '"
        + PrintableText.escape(tool)
        + "' accepts:\n"
        + violations.stream()
            .map(v -> "- " + PrintableText.escape(v.toString()))
            .collect(Collectors.joining("\n"))
        + "\nCorrect these arguments and decide again; the request is still waiting.";
  }

  /**
   * The review request, still waiting.
   *
   * @return the request's id
   */
  public String requestId() {
    return requestId;
  }

  /**
   * The tool whose call waits.
   *
   * @return the tool's name
   */
  public String tool() {
    return tool;
  }

  /**
   * What is wrong with the revision.
   *
   * @return every problem, at least one; empty only in a deserialised copy
   */
  public List<ArgumentViolation> violations() {
    return violations == null ? List.of() : violations;
  }
}
