package io.agentkeel.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What every extension point is told about the run it serves: the task, its principal and tenant,
 * the workflow, the id of this run, and the agent's one time source. Hooks take this object rather
 * than a bare {@link Task}, so that it can grow without breaking their signatures.
 *
 * <p>A task has one run from intake to its first outcome, and one more each time it is resumed
 * after a review; {@link #runId()} tells them apart, {@link Task#id()} ties them together.
 *
 * @param task the task being run
 * @param workflow the workflow it runs under
 * @param runId the id of this run of the task; unique per run
 * @param clock the agent's clock; every deadline and duration is measured on it
 */
public record RunContext(Task task, Workflow workflow, String runId, Clock clock) {

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public RunContext {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Who the task runs for.
   *
   * @return the task's principal
   */
  public Principal principal() {
    return task.principal();
  }

  /**
   * The principal's tenant.
   *
   * @return the tenant id
   */
  public String tenant() {
    return task.principal().tenant();
  }

  /**
   * The current instant on the agent's clock.
   *
   * @return now
   */
  public Instant now() {
    return clock.instant();
  }
}
