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
   * completed} over the sum. A second run of a task in flight, which core refuses as a duplicate,
   * is not counted: it is not the task's run.
   */
  public static final String TASKS = "agentkeel.tasks";

  /** Counter of runs resumed after a review, by outcome; tags as {@link #TASKS}. */
  public static final String TASKS_RESUMED = "agentkeel.tasks.resumed";

  /**
   * Distribution summary of the confidence of scored answers; tag {@code workflow}. Its histogram
   * buckets are the tenths plus the workflow's two thresholds and the basis point below each; a
   * value exactly at a threshold counts in that threshold's bucket (bucket bounds are inclusive),
   * one below it in the bucket below, so the two tell apart the answers on either side.
   */
  public static final String CONFIDENCE = "agentkeel.confidence";

  /**
   * Counter of tool calls; tags {@code workflow}, {@code tool}, {@code result} ({@code success} or
   * a failure kind such as {@code tool_error}). Tools offered are registered at zero; a tool the
   * model named that does not exist counts as tool {@code _unknown}, and so does a call refused for
   * its arguments that names a tool the workflow does not offer and no earlier call ran (core may
   * refuse oversized arguments before it looks the tool up).
   */
  public static final String TOOL_CALLS = "agentkeel.tool.calls";

  /** Gauge of the tools a workflow offers that were never called; tag {@code workflow}. */
  public static final String TOOLS_NEVER_CALLED = "agentkeel.tools.never_called";

  /**
   * Counter of errors; tags {@code workflow}, {@code category} (see {@link ErrorCategory}). The
   * error rate of a category is this over {@link #TASKS}.
   */
  public static final String ERRORS = "agentkeel.errors";

  /**
   * Counter of tasks continued from their journal after their run died; tags {@code workflow},
   * {@code takeover} ({@code true} when a distributed intake handed the task over from a dead
   * instance, {@code false} for the start-up sweep).
   */
  public static final String RECOVERIES = "agentkeel.tasks.recovered";

  /**
   * Counter of write or destructive calls sent to review as "may already have run"; tags {@code
   * workflow}, {@code tool}.
   */
  public static final String MAY_HAVE_RUN = "agentkeel.reviews.may_have_run";

  /**
   * Counter of task journal records appended (see {@link ObservedTaskJournal}); tags {@code kind}
   * (the record kind in lower case), {@code strength} ({@code forced} or {@code buffered}).
   */
  public static final String JOURNAL_WRITES = "agentkeel.journal.writes";

  /** Timer of the wait of a forced journal append (see {@link ObservedTaskJournal}). */
  public static final String JOURNAL_FORCED_DURATION = "agentkeel.journal.forced.duration";

  /** Counter of journal appends refused or not stored (see {@link ObservedTaskJournal}). */
  public static final String JOURNAL_FAILURES = "agentkeel.journal.failures";

  /** Counter of user ratings; tags {@code workflow}, {@code rating} ({@code up}, {@code down}). */
  public static final String FEEDBACK = "agentkeel.feedback";

  /**
   * The GenAI convention's token usage histogram, unit {@code {token}}; tags {@code
   * gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model}, {@code
   * gen_ai.response.model} (the first 32 models a provider names; any later one is {@code _OTHER}),
   * {@code gen_ai.token.type}.
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
