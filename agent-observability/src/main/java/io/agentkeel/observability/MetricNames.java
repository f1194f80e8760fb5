package io.agentkeel.observability;

/**
 * The names of the meters observability registers, for dashboards and alerts. Tags are bounded:
 * workflow, tool, model, provider, outcome, result, category, rating; never task or principal ids.
 */
public final class MetricNames {

  /**
   * Counter of tasks by the outcome of their first run; tags {@code workflow}, {@code outcome}
   * ({@code completed}, {@code in_review}, {@code escalated}, {@code refused}, {@code
   * rate_limited}, {@code failed}). The rate of completion without human intervention is {@code
   * completed} over the sum.
   */
  public static final String TASKS = "agentkeel.tasks";

  /** Counter of runs resumed after a review, by outcome; tags as {@link #TASKS}. */
  public static final String TASKS_RESUMED = "agentkeel.tasks.resumed";

  /**
   * Distribution summary of the confidence of scored answers; tag {@code workflow}. Its histogram
   * buckets are the tenths plus the workflow's two thresholds; a value exactly at a threshold
   * counts in that threshold's bucket (bucket bounds are inclusive).
   */
  public static final String CONFIDENCE = "agentkeel.confidence";

  /**
   * Counter of tool calls; tags {@code workflow}, {@code tool}, {@code result} ({@code success} or
   * a failure kind such as {@code tool_error}). Tools offered are registered at zero; a tool the
   * model named that does not exist counts as tool {@code _unknown}.
   */
  public static final String TOOL_CALLS = "agentkeel.tool.calls";

  /** Gauge of the tools a workflow offers that were never called; tag {@code workflow}. */
  public static final String TOOLS_NEVER_CALLED = "agentkeel.tools.never_called";

  /**
   * Counter of errors; tags {@code workflow}, {@code category} (see {@link ErrorCategory}). The
   * error rate of a category is this over {@link #TASKS}.
   */
  public static final String ERRORS = "agentkeel.errors";

  /** Counter of user ratings; tags {@code workflow}, {@code rating} ({@code up}, {@code down}). */
  public static final String FEEDBACK = "agentkeel.feedback";

  /**
   * The GenAI convention's token usage histogram, unit {@code {token}}; tags {@code
   * gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model}, {@code
   * gen_ai.response.model}, {@code gen_ai.token.type}.
   */
  public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

  /**
   * The GenAI convention's operation duration histogram, a Micrometer timer (exported in seconds by
   * registries whose base time unit is seconds, such as Prometheus) with the convention's bucket
   * boundaries (0.01 s to 81.92 s); tags as {@link #TOKEN_USAGE} without the token type, plus
   * {@code error.type} on failed calls.
   */
  public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

  private MetricNames() {}
}
