package io.agentkeel.observability;

import io.agentkeel.api.Workflow;

/**
 * The decision log's contract with log pipelines: every agent event becomes one JSON object on one
 * line, logged at INFO on the logger {@value #LOGGER_NAME}, valid against the JSON Schema in the
 * resource {@value #SCHEMA_RESOURCE}. Route that logger to its own appender with a pattern of just
 * {@code %msg%n} to get a JSON Lines file.
 */
public final class DecisionLog {

  /** The SLF4J logger every line is written to. Stable: pipelines may filter on it. */
  public static final String LOGGER_NAME = "io.agentkeel.decisions";

  /** The value of every line's {@code schema} field; it changes when the schema does. */
  public static final String SCHEMA_ID = "agentkeel.decision.v1";

  /** The class-path resource holding the lines' JSON Schema (draft 2020-12). */
  public static final String SCHEMA_RESOURCE =
      "/io/agentkeel/observability/decision-log.schema.json";

  /**
   * The workflow written for feedback on a task this process no longer remembers: core's
   * placeholder {@link Workflow#UNKNOWN_NAME}, which no workflow of an agent may have, so that such
   * ratings never count as a real workflow's.
   */
  public static final String UNKNOWN_WORKFLOW = Workflow.UNKNOWN_NAME;

  private DecisionLog() {}
}
