package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.RateLimitRequest;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.RunContext;
import java.time.Duration;
import java.util.Optional;

/**
 * The rate limiter with core's failure policy: a limiter that throws or answers nothing refuses
 * (fails closed), every refusal is a {@link AgentEvent.RateLimitHit}, and settlement failures are
 * logged and ignored.
 */
final class RateLimits {
  private final RateLimiter limiter;
  private final boolean unlimited;

  RateLimits(RateLimiter limiter, boolean unlimited) {
    this.limiter = limiter;
    this.unlimited = unlimited;
  }

  /** Asks for admission; the refusal, if refused. */
  Optional<RateLimitDecision.Refused> acquire(
      RateLimitRequest request, RunContext context, EventRecorder events) {
    if (unlimited) {
      return Optional.empty();
    }
    RateLimitDecision decision =
        Containment.orElse(
            "rate limiter",
            limiter,
            () -> limiter.tryAcquire(request, context),
            () -> RateLimitDecision.refused(Duration.ofSeconds(1), "the rate limiter failed"));
    if (decision == null) {
      decision =
          RateLimitDecision.refused(Duration.ofSeconds(1), "the rate limiter answered nothing");
    }
    if (decision instanceof RateLimitDecision.Refused refused) {
      events.emit(
          new AgentEvent.RateLimitHit(
              context.task().id(),
              context.now(),
              request.kind(),
              request.name(),
              request.cost(),
              refused.retryAfter(),
              refused.reason()));
      return Optional.of(refused);
    }
    return Optional.empty();
  }

  /** Settles an admitted request with its real cost. */
  void settle(RateLimitRequest request, long actualCost, RunContext context) {
    if (!unlimited && actualCost != request.cost()) {
      Containment.run(
          "rate limiter", limiter, () -> limiter.settle(request, Math.max(0, actualCost), context));
    }
  }
}
