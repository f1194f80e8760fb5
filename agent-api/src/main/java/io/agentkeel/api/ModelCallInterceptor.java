package io.agentkeel.api;

/**
 * Wraps every real model call, for example in a tracing span or a timer. Interceptors nest in
 * registration order: the first is outermost. Runs on the task's thread, inside the call's
 * deadline.
 *
 * <p>An interceptor must call {@code next.proceed()} exactly once and return its result, or rethrow
 * what it threw; core checks this and treats a skipped or repeated call as the interceptor's
 * failure, which is logged and bypassed.
 */
public interface ModelCallInterceptor {

  /**
   * Wraps one model call.
   *
   * @param call the call
   * @param context the run
   * @param next the rest of the call
   * @return what {@code next} returned
   * @throws Exception what {@code next} threw
   */
  ModelCallResult intercept(ModelCallInfo call, RunContext context, Proceed<ModelCallResult> next)
      throws Exception;

  /**
   * An interceptor that only proceeds.
   *
   * @return the interceptor
   */
  static ModelCallInterceptor none() {
    return (call, context, next) -> next.proceed();
  }
}
