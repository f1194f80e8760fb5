package io.agentkeel.examples.documents;

import io.agentkeel.api.Task;
import io.agentkeel.core.TaskScorer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The intake of the document-review example: orders queued claims before the agent sees them, those
 * due soonest first and, among those due the same day, the largest amounts first. A task names its
 * claim in the attribute {@value #DOCUMENT_ID}; a task without one goes last.
 */
public final class ClaimIntake implements TaskScorer {

  /** The task attribute holding the claim's document number. */
  public static final String DOCUMENT_ID = "document_id";

  private final ClaimStore store;
  private final LocalDate today;

  /**
   * Makes the intake.
   *
   * @param store the claims
   * @param today the date that due dates are counted from
   */
  public ClaimIntake(ClaimStore store, LocalDate today) {
    this.store = store;
    this.today = today;
  }

  @Override
  public double score(Task task) {
    return task.attribute(DOCUMENT_ID)
        .flatMap(store::find)
        .map(claim -> {
          long daysLeft = Math.max(0, ChronoUnit.DAYS.between(today, claim.dueBy()));
          // One day sooner outweighs any amount below a million euros.
          return -daysLeft * 1_000_000.0 + Math.min(claim.amountEur().doubleValue(), 999_999);
        })
        .orElse(-Double.MAX_VALUE);
  }
}
