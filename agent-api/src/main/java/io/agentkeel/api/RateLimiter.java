package io.agentkeel.api;

/**
 * Admits or refuses operations per principal by kind and cost, so that no one principal or
 * expensive operation exhausts shared capacity. Core asks before each task, before each model call
 * (with the estimated tokens) and before each tool call; once a model call's real token usage is
 * known, core {@linkplain #settle settles} the difference.
 *
 * <p>Called on the task's thread within its time budget; a limiter that throws or runs out of time
 * refuses (fails closed). Implementations must be thread-safe.
 */
public interface RateLimiter {

  /**
   * Takes {@code request.cost()} permits, if they are free.
   *
   * @param request what asks, and its cost
   * @param context the run, with the principal
   * @return admitted, or refused with when to retry
   */
  RateLimitDecision tryAcquire(RateLimitRequest request, RunContext context);

  /**
   * Settles an admitted operation whose real cost is now known: takes or gives back the difference
   * between {@code actualCost} and {@code request.cost()}. The default does nothing.
   *
   * @param request the admitted request
   * @param actualCost what it really cost
   * @param context the run
   */
  default void settle(RateLimitRequest request, long actualCost, RunContext context) {}

  /**
   * A limiter that admits everything.
   *
   * @return the limiter
   */
  static RateLimiter unlimited() {
    return (request, context) -> RateLimitDecision.admitted();
  }
}
