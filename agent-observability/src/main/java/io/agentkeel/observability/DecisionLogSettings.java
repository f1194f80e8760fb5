package io.agentkeel.observability;

import java.util.Objects;

/**
 * Settings of the decision log, bound from {@code observability.decision-log.*}.
 *
 * @param enabled whether events are written ({@code observability.decision-log.enabled})
 * @param principal how the principal appears in lines ({@code
 *     observability.decision-log.principal}: {@code id}, {@code hashed} or {@code omitted})
 * @param includeArguments whether tool arguments (already filtered by the agent's output filters)
 *     are written ({@code observability.decision-log.include-arguments})
 * @param includeComments whether feedback comments are written, after the output filters given to
 *     {@link Observability.Builder#outputFilters} ({@code
 *     observability.decision-log.include-comments})
 * @param asynchronous whether lines are built and logged on a background thread ({@code
 *     observability.decision-log.asynchronous}), where the metrics are then recorded too: a task
 *     only hands its events over, lines and counts are written in batches (at most about 20 ms
 *     after their event), nothing is dropped (a task waits when 65,536 events are waiting), and
 *     lines and metrics are complete once the agent is closed or its listeners flushed; off, each
 *     line is logged and each event counted on the task's thread before the event's call returns
 */
public record DecisionLogSettings(
    boolean enabled,
    PrincipalField principal,
    boolean includeArguments,
    boolean includeComments,
    boolean asynchronous) {

  /**
   * The defaults: on, principal ids as they are, no arguments, comments (filtered), asynchronous.
   */
  public static final DecisionLogSettings DEFAULTS =
      new DecisionLogSettings(true, PrincipalField.ID, false, true, true);

  /**
   * Checks for null.
   *
   * @throws NullPointerException if {@code principal} is null
   */
  public DecisionLogSettings {
    Objects.requireNonNull(principal, "principal");
  }

  /**
   * Settings that log asynchronously.
   *
   * @param enabled whether events are written
   * @param principal how the principal appears in lines
   * @param includeArguments whether tool arguments are written
   * @param includeComments whether feedback comments are written
   */
  public DecisionLogSettings(
      boolean enabled,
      PrincipalField principal,
      boolean includeArguments,
      boolean includeComments) {
    this(enabled, principal, includeArguments, includeComments, true);
  }

  /** How the principal appears in a decision log line. */
  public enum PrincipalField {
    /** The principal's id, as given. */
    ID,
    /**
     * A SHA-256 prefix of the principal's id: lines of one principal group, the id is not shown.
     */
    HASHED,
    /** Not written. */
    OMITTED
  }
}
