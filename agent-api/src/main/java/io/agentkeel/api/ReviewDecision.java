package io.agentkeel.api;

import java.util.Objects;

/**
 * A person's decision on a {@link ReviewRequest}: approve it, approve it with an edit, or reject
 * it.
 */
public sealed interface ReviewDecision {

  /**
   * The request decided.
   *
   * @return the request's id
   */
  String requestId();

  /**
   * Who decided, for the audit log.
   *
   * @return the reviewer's id
   */
  String reviewer();

  /**
   * Go ahead as proposed: run the destructive call, or complete with the proposed answer.
   *
   * @param requestId the request
   * @param reviewer who decided
   */
  record Approve(String requestId, String reviewer) implements ReviewDecision {
    /** Checks for nulls. */
    public Approve {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(reviewer, "reviewer");
    }
  }

  /**
   * Go ahead with a change: for an answer or escalation, {@code revision} is the answer to complete
   * with; for a destructive call, the corrected arguments as a JSON object. Arguments the tool does
   * not accept are refused when the decision is applied ({@link InvalidRevisionException}), and the
   * request stays waiting.
   *
   * @param requestId the request
   * @param reviewer who decided
   * @param revision the revised answer or arguments
   */
  record Edit(String requestId, String reviewer, String revision) implements ReviewDecision {
    /** Checks for nulls. */
    public Edit {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(reviewer, "reviewer");
      Objects.requireNonNull(revision, "revision");
    }
  }

  /**
   * Do not go ahead; the task ends, failed with this reason.
   *
   * @param requestId the request
   * @param reviewer who decided
   * @param reason why, for the task's result and the audit log
   */
  record Reject(String requestId, String reviewer, String reason) implements ReviewDecision {
    /** Checks for nulls. */
    public Reject {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(reviewer, "reviewer");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
