package io.agentkeel.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a task ended. Every task ends in exactly one outcome; the family is closed, so a {@code
 * switch} over it needs no default.
 */
public sealed interface Outcome {

  /**
   * A one-line account of the outcome, for logs and reports.
   *
   * @return the description
   */
  String describe();

  /** The task is done and its answer may be used. */
  record Completed() implements Outcome {
    @Override
    public String describe() {
      return "completed";
    }
  }

  /**
   * The task waits for a person: an answer in the review band, or a destructive call to confirm.
   * {@link Agent#resume} continues it.
   *
   * @param request what the person is asked to decide
   */
  record InReview(ReviewRequest request) implements Outcome {
    /**
     * Checks that the request is present.
     *
     * @throws NullPointerException if it is null
     */
    public InReview {
      Objects.requireNonNull(request, "request");
    }

    @Override
    public String describe() {
      return "in review (" + request.kind() + "): " + request.reason();
    }
  }

  /**
   * The agent could not finish well and handed the task to a person, who finds it in the review
   * queue at the request's priority.
   *
   * @param request what the person is asked to handle, with priority and reason
   */
  record Escalated(ReviewRequest request) implements Outcome {
    /**
     * Checks that the request is present.
     *
     * @throws NullPointerException if it is null
     */
    public Escalated {
      Objects.requireNonNull(request, "request");
    }

    /**
     * How urgently a person should look.
     *
     * @return the request's priority
     */
    public Priority priority() {
      return request.priority();
    }

    /**
     * Why the task was escalated.
     *
     * @return the request's reason
     */
    public String reason() {
      return request.reason();
    }

    @Override
    public String describe() {
      return "escalated (" + request.priority() + "): " + request.reason();
    }
  }

  /**
   * A guard blocked the task before the model saw it.
   *
   * @param guard the name of the guard that refused
   * @param reason why, in words safe to show the user
   */
  record Refused(String guard, String reason) implements Outcome {
    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException if one is
     */
    public Refused {
      Objects.requireNonNull(guard, "guard");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String describe() {
      return "refused by " + guard + ": " + reason;
    }
  }

  /**
   * The principal or operation is over its rate limit; nothing ran.
   *
   * @param operation what was limited, such as {@code task} or {@code model_call}
   * @param retryAfter how long to wait before trying again
   */
  record RateLimited(String operation, Duration retryAfter) implements Outcome {
    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException if one is
     */
    public RateLimited {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public String describe() {
      return "rate limited on " + operation + ", retry after " + retryAfter;
    }
  }

  /**
   * The task could not be done.
   *
   * @param category the kind of failure
   * @param reason what went wrong, naming the thing that failed
   */
  record Failed(FailureCategory category, String reason) implements Outcome {
    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException if one is
     */
    public Failed {
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String describe() {
      return "failed (" + category + "): " + reason;
    }
  }
}
