package io.agentkeel.security;

import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.RateLimitRequest;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.RunContext;
import io.agentkeel.security.internal.BucketStore;
import io.agentkeel.security.internal.LocalBucketStore;
import io.agentkeel.security.internal.RedisBucketStore;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits with Bucket4j per principal, per tool and per model, by cost: a model call asks for
 * its estimated tokens and {@linkplain #settle settles} the real ones after the call. Buckets live
 * in this process by default, or in Redis (cluster-wide) through Bucket4j's Lettuce integration.
 * When the store cannot be reached the limiter follows its {@link RateLimitFailure} policy: fail
 * closed by default.
 *
 * <p>In-process buckets are timed by the monotonic clock, so a wall clock stepped back or forward
 * neither stalls nor refills them; buckets in Redis are timed by each instance's wall clock, which
 * instances sharing them must keep synchronised.
 *
 * <p>An operation that several rules count takes from every bucket or from none. Thread-safe.
 */
public final class BucketRateLimiter implements RateLimiter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BucketRateLimiter.class);

  private final List<RateLimitRule> rules;
  private final BucketStore store;
  private final RateLimitFailure onFailure;
  private final Duration retryWhenDown;

  private BucketRateLimiter(
      List<RateLimitRule> rules, BucketStore store, RateLimitFailure onFailure, Duration retry) {
    this.rules = List.copyOf(rules);
    this.store = store;
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    this.retryWhenDown = retry;
  }

  /**
   * The rules, checked before any store is made: a bucket's key starts with its rule's id, so two
   * rules of one id would share buckets, each taking from the other's, and the stricter one would
   * never be enforced; and a rule Bucket4j cannot hold (more than a permit a nanosecond, a period
   * past what nanoseconds count) would fail only when a call comes, taken for an unreachable store.
   */
  static List<RateLimitRule> checked(List<RateLimitRule> rules) {
    Set<String> ids = new HashSet<>();
    for (RateLimitRule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException(
            "two rate-limit rules have the id '"
                + rule.id()
                + "'; give each rule an id of its own");
      }
      try {
        configuration(rule);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "rate-limit rule '" + rule.id() + "' cannot be used: " + e.getMessage(), e);
      }
    }
    return rules;
  }

  /**
   * A limiter whose buckets live in this process.
   *
   * @param rules the rules
   * @return the limiter
   */
  public static BucketRateLimiter inProcess(List<RateLimitRule> rules) {
    return new BucketRateLimiter(
        checked(rules), new LocalBucketStore(), RateLimitFailure.FAIL_CLOSED, Duration.ZERO);
  }

  /**
   * A limiter whose buckets live in this process, timed by a given source, for tests.
   *
   * @param rules the rules
   * @param time the buckets' time source
   * @return the limiter
   */
  static BucketRateLimiter inProcess(List<RateLimitRule> rules, TimeMeter time) {
    return new BucketRateLimiter(
        checked(rules), new LocalBucketStore(time), RateLimitFailure.FAIL_CLOSED, Duration.ZERO);
  }

  /**
   * A limiter whose buckets live in Redis, shared by every instance that uses the same prefix.
   *
   * @param rules the rules
   * @param redisUri such as {@code redis://127.0.0.1:6379}
   * @param keyPrefix prepended to every bucket key, such as {@code agentkeel:rl:}
   * @param timeout how long one Redis command may take before the failure policy applies
   * @param onFailure what to do when Redis cannot be reached
   * @return the limiter
   */
  public static BucketRateLimiter redis(
      List<RateLimitRule> rules,
      String redisUri,
      String keyPrefix,
      Duration timeout,
      RateLimitFailure onFailure) {
    return new BucketRateLimiter(
        checked(rules),
        new RedisBucketStore(redisUri, keyPrefix, timeout),
        onFailure,
        Duration.ofSeconds(1));
  }

  @Override
  public RateLimitDecision tryAcquire(RateLimitRequest request, RunContext context) {
    List<Bucket> taken = new ArrayList<>(2);
    try {
      for (RateLimitRule rule : rules) {
        if (!rule.applies(request.kind(), request.name())) {
          continue;
        }
        Bucket bucket = store.bucket(key(rule, request, context), configuration(rule));
        if (request.cost() > rule.capacity()) {
          refund(taken, request.cost());
          return RateLimitDecision.refused(
              rule.period(),
              "rate limit '"
                  + rule.id()
                  + "' allows at most "
                  + rule.capacity()
                  + " per "
                  + rule.period()
                  + "; this "
                  + kindWord(request)
                  + " asks "
                  + request.cost());
        }
        ConsumptionProbe probe =
            request.cost() == 0
                ? nothingToTake(bucket)
                : bucket.tryConsumeAndReturnRemaining(request.cost());
        if (!probe.isConsumed()) {
          refund(taken, request.cost());
          Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
          long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
          return RateLimitDecision.refused(
              wait,
              "rate limited by '"
                  + rule.id()
                  + "' for "
                  + subject(rule, request, context)
                  + ", retry after "
                  + seconds
                  + " s");
        }
        taken.add(bucket);
      }
      return RateLimitDecision.admitted();
    } catch (RuntimeException storeDown) {
      refundQuietly(taken, request.cost());
      if (onFailure == RateLimitFailure.FAIL_OPEN) {
        LOG.warn(
            "rate-limit store unreachable ({}); admitting unlimited (fail-open)",
            storeDown.getClass().getSimpleName());
        return RateLimitDecision.admitted();
      }
      LOG.warn(
          "rate-limit store unreachable ({}); refusing (fail-closed)",
          storeDown.getClass().getSimpleName());
      return RateLimitDecision.refused(
          retryWhenDown,
          "rate limiter unavailable (store unreachable), retry after "
              + Math.max(1, retryWhenDown.toSeconds())
              + " s");
    }
  }

  @Override
  public void settle(RateLimitRequest request, long actualCost, RunContext context) {
    long diff = actualCost - request.cost();
    if (diff == 0) {
      return;
    }
    try {
      for (RateLimitRule rule : rules) {
        if (rule.applies(request.kind(), request.name())) {
          Bucket bucket = store.bucket(key(rule, request, context), configuration(rule));
          if (diff > 0) {
            bucket.consumeIgnoringRateLimits(diff); // goes into debt: later calls wait
            // asked again, so that a store that drops full buckets keeps this one until it has
            // paid the debt
            store.bucket(key(rule, request, context), configuration(rule));
          } else {
            bucket.addTokens(-diff);
          }
        }
      }
    } catch (RuntimeException storeDown) {
      LOG.warn(
          "rate-limit store unreachable while settling ({})", storeDown.getClass().getSimpleName());
    }
  }

  /**
   * The permits left in a rule's bucket for a request, for tests and reports.
   *
   * @param rule the rule
   * @param request the request
   * @param context the run
   * @return the permits left
   */
  public long available(RateLimitRule rule, RateLimitRequest request, RunContext context) {
    return store.bucket(key(rule, request, context), configuration(rule)).getAvailableTokens();
  }

  @Override
  public void close() {
    store.close();
  }

  /**
   * Admits an operation that costs nothing unless its bucket is in debt (settled above what it
   * held): Bucket4j refuses to consume zero tokens, and that refusal is no store failure.
   */
  private static ConsumptionProbe nothingToTake(Bucket bucket) {
    long available = bucket.getAvailableTokens();
    return available >= 0
        ? ConsumptionProbe.consumed(available, 0)
        : ConsumptionProbe.rejected(
            available, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill(), 0);
  }

  private static void refund(List<Bucket> taken, long cost) {
    if (cost == 0) {
      return; // nothing was taken, and Bucket4j refuses to add zero tokens
    }
    for (Bucket b : taken) {
      b.addTokens(cost);
    }
  }

  private static void refundQuietly(List<Bucket> taken, long cost) {
    try {
      refund(taken, cost);
    } catch (RuntimeException ignored) {
      // the store is down: the permits expire with the bucket
    }
  }

  private static BucketConfiguration configuration(RateLimitRule rule) {
    return BucketConfiguration.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(rule.capacity())
                .refillGreedy(rule.capacity(), rule.period())
                .build())
        .build();
  }

  /**
   * A bucket's key. The name, tenant and principal are escaped, so that no id holding a separator
   * ({@code acme/eu} and {@code bob}, {@code acme} and {@code eu/bob}) reaches another's bucket.
   */
  private static String key(RateLimitRule rule, RateLimitRequest request, RunContext context) {
    String who =
        rule.perPrincipal()
            ? escape(context.tenant()) + "/" + escape(context.principal().id())
            : "*";
    return rule.id() + "|" + request.kind() + "|" + escape(request.name()) + "|" + who;
  }

  private static String escape(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }

  private static String subject(RateLimitRule rule, RateLimitRequest request, RunContext context) {
    String what = kindWord(request) + " '" + request.name() + "'";
    return rule.perPrincipal()
        ? "principal '" + context.principal().id() + "' on " + what
        : "all principals on " + what;
  }

  private static String kindWord(RateLimitRequest request) {
    return switch (request.kind()) {
      case TASK -> "workflow";
      case MODEL_CALL -> "model";
      case TOOL_CALL -> "tool";
    };
  }
}
