package io.agentkeel.api;

/**
 * Wraps every real tool call, after the permission check and (for a destructive tool) the
 * confirmation, for example in a tracing span or a timer. Interceptors nest in registration order:
 * the first is outermost. Runs on the task's thread, inside the call's deadline.
 *
 * <p>An interceptor must call {@code next.proceed()} exactly once and return its result, or rethrow
 * what it threw (a tool's {@code ToolException} included); core checks this and treats a skipped or
 * repeated call as the interceptor's failure, which is logged and bypassed. It cannot run a tool
 * any other way.
 */
public interface ToolCallInterceptor {

  /**
   * Wraps one tool call.
   *
   * @param call the call
   * @param context the run
   * @param next the rest of the call
   * @return what {@code next} returned
   * @throws Exception what {@code next} threw
   */
  ToolCallResult intercept(ToolCallInfo call, RunContext context, Proceed<ToolCallResult> next)
      throws Exception;

  /**
   * An interceptor that only proceeds.
   *
   * @return the interceptor
   */
  static ToolCallInterceptor none() {
    return (call, context, next) -> next.proceed();
  }
}
