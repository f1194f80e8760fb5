package io.agentkeel.api;

/**
 * Admits or refuses operations per principal, so that no one principal or expensive operation
 * exhausts shared capacity. Core asks before each task ({@code task}) and before each model call
 * ({@code model_call}).
 */
public interface RateLimiter {

  /** The operation name of a whole task. */
  String TASK = "task";

  /** The operation name of one model call. */
  String MODEL_CALL = "model_call";

  /**
   * Takes one permit for the operation, if one is free.
   *
   * @param principal who asks
   * @param operation what for, such as {@link #TASK}
   * @return admitted, or refused with when to retry
   */
  RateLimitDecision tryAcquire(Principal principal, String operation);
}
