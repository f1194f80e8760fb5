package io.agentkeel.examples.internal;

import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.RateLimitKind;
import io.agentkeel.api.RateLimitRequest;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.RunContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's stand-in rate limiter: a fixed number of tasks per principal for the life of the
 * agent. It shows core enforcing the rate-limit extension point when agent-security (whose
 * token-bucket limiter replaces it) is not on the class path. Thread-safe.
 */
public final class TaskQuota implements RateLimiter {

  private final int tasksPerPrincipal;
  private final Map<String, AtomicInteger> used = new ConcurrentHashMap<>();

  /**
   * Makes the quota.
   *
   * @param tasksPerPrincipal how many tasks each principal may start
   */
  public TaskQuota(int tasksPerPrincipal) {
    this.tasksPerPrincipal = tasksPerPrincipal;
  }

  @Override
  public RateLimitDecision tryAcquire(RateLimitRequest request, RunContext context) {
    if (request.kind() != RateLimitKind.TASK) {
      return RateLimitDecision.admitted();
    }
    int count =
        used.computeIfAbsent(context.principal().id(), id -> new AtomicInteger()).incrementAndGet();
    return count <= tasksPerPrincipal
        ? RateLimitDecision.admitted()
        : RateLimitDecision.refused(
            Duration.ofMinutes(1),
            "principal '"
                + context.principal().id()
                + "' used its "
                + tasksPerPrincipal
                + " tasks of the demo quota");
  }
}
