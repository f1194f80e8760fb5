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
 */
public record DecisionLogSettings(
    boolean enabled, PrincipalField principal, boolean includeArguments, boolean includeComments) {

  /** The defaults: on, principal ids as they are, no arguments, comments (filtered). */
  public static final DecisionLogSettings DEFAULTS =
      new DecisionLogSettings(true, PrincipalField.ID, false, true);

  /**
   * Checks for null.
   *
   * @throws NullPointerException if {@code principal} is null
   */
  public DecisionLogSettings {
    Objects.requireNonNull(principal, "principal");
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
