package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.Principal;
import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.RateLimitKind;
import io.agentkeel.api.RateLimitRequest;
import io.agentkeel.api.RunContext;
import io.agentkeel.security.internal.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Done-when 5: never more admitted than the bucket allows, in-process and on Redis; Redis down
 * fails closed.
 */
class BucketRateLimiterTest {
  private static final RateLimitRule TOOL =
      new RateLimitRule("tool-calls", RateLimitKind.TOOL_CALL, "*", 50, Duration.ofHours(1), true);
  private static final RateLimitRule TOKENS =
      new RateLimitRule(
          "model-tokens", RateLimitKind.MODEL_CALL, "gpt-x", 1_000, Duration.ofHours(1), true);

  /** Hammers the limiter from many threads; returns how many were admitted. */
  static int hammer(List<BucketRateLimiter> limiters, RunContext ctx, int threads, int each)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger admitted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      BucketRateLimiter limiter = limiters.get(t % limiters.size());
      fs.add(
          pool.submit(() -> {
            start.await();
            for (int i = 0; i < each; i++) {
              if (limiter.tryAcquire(RateLimitRequest.toolCall("search"), ctx)
                  instanceof RateLimitDecision.Admitted) {
                admitted.incrementAndGet();
              }
            }
            return null;
          }));
    }
    start.countDown();
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    return admitted.get();
  }

  @Test
  void inProcessNeverAdmitsMoreThanTheBucketHolds() throws Exception {
    BucketRateLimiter limiter = BucketRateLimiter.inProcess(List.of(TOOL));
    assertThat(hammer(List.of(limiter), Runs.of("alice"), 16, 40)).isEqualTo(50);
    // another principal has a bucket of its own
    assertThat(hammer(List.of(limiter), Runs.of("bob"), 4, 20)).isEqualTo(50);
  }

  @Test
  void refusalSaysWhichLimitAndWhenToRetry() {
    BucketRateLimiter limiter =
        BucketRateLimiter.inProcess(
            List.of(
                new RateLimitRule(
                    "tasks", RateLimitKind.TASK, "*", 1, Duration.ofSeconds(30), true)));
    RunContext ctx = Runs.of("alice");
    assertThat(limiter.tryAcquire(RateLimitRequest.task("default"), ctx))
        .isInstanceOf(RateLimitDecision.Admitted.class);
    RateLimitDecision d = limiter.tryAcquire(RateLimitRequest.task("default"), ctx);
    assertThat(d).isInstanceOf(RateLimitDecision.Refused.class);
    RateLimitDecision.Refused r = (RateLimitDecision.Refused) d;
    assertThat(r.retryAfter()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
    assertThat(r.reason())
        .contains("'tasks'")
        .contains("principal 'alice'")
        .containsPattern("retry after \\d+ s");
  }

  @Test
  void modelCallsCostTokensSettledAfterTheCall() {
    BucketRateLimiter limiter = BucketRateLimiter.inProcess(List.of(TOKENS));
    RunContext ctx = Runs.of("alice");
    RateLimitRequest call = RateLimitRequest.modelCall("gpt-x", 300);
    assertThat(limiter.tryAcquire(call, ctx)).isInstanceOf(RateLimitDecision.Admitted.class);
    assertThat(limiter.available(TOKENS, call, ctx)).isEqualTo(700);
    limiter.settle(call, 500, ctx); // the call really cost 500
    assertThat(limiter.available(TOKENS, call, ctx)).isEqualTo(500);
    limiter.settle(call, 100, ctx); // a second settlement of another call that cost less
    assertThat(limiter.available(TOKENS, call, ctx)).isEqualTo(700);
    assertThat(limiter.tryAcquire(RateLimitRequest.modelCall("gpt-x", 2_000), ctx))
        .isInstanceOf(RateLimitDecision.Refused.class);
    // another model is not limited by this rule
    assertThat(limiter.tryAcquire(RateLimitRequest.modelCall("other", 2_000), ctx))
        .isInstanceOf(RateLimitDecision.Admitted.class);
  }

  @Test
  void tokensSettledAboveTheBucketAreOwedUntilRefilledEvenWhenNothingAsksMeanwhile() {
    ManualTime time = new ManualTime();
    BucketRateLimiter limiter = BucketRateLimiter.inProcess(List.of(TOKENS), time);
    RunContext ctx = Runs.of("alice");
    RateLimitRequest call = RateLimitRequest.modelCall("gpt-x", 100);
    assertThat(limiter.tryAcquire(call, ctx)).isInstanceOf(RateLimitDecision.Admitted.class);
    limiter.settle(call, 10_100, ctx); // 10,000 more than asked: 9,100 in debt

    time.advance(Duration.ofHours(5)); // refills 5,000 of the 10,100 missing

    assertThat(limiter.tryAcquire(call, ctx)).isInstanceOf(RateLimitDecision.Refused.class);
    assertThat(limiter.available(TOKENS, call, ctx)).isEqualTo(-4_100);
  }

  @Test
  void anOperationCountedByTwoRulesTakesFromBothOrNeither() {
    RateLimitRule perPrincipal =
        new RateLimitRule("mine", RateLimitKind.TOOL_CALL, "search", 5, Duration.ofHours(1), true);
    RateLimitRule shared =
        new RateLimitRule("all", RateLimitKind.TOOL_CALL, "search", 3, Duration.ofHours(1), false);
    BucketRateLimiter limiter = BucketRateLimiter.inProcess(List.of(perPrincipal, shared));
    RunContext ctx = Runs.of("alice");
    RateLimitRequest r = RateLimitRequest.toolCall("search");
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(r, ctx)).isInstanceOf(RateLimitDecision.Admitted.class);
    }
    assertThat(limiter.tryAcquire(r, ctx)).isInstanceOf(RateLimitDecision.Refused.class);
    assertThat(limiter.available(perPrincipal, r, ctx)).isEqualTo(2); // refunded
    assertThat(limiter.tryAcquire(r, Runs.of("bob"))).isInstanceOf(RateLimitDecision.Refused.class);
  }

  @Test
  void aRequestThatCostsNothingIsAdmittedWithoutTakingPermits() {
    // RateLimitRequest allows a cost of 0 (a model call estimated at no tokens); Bucket4j refuses
    // to consume 0 tokens, which must not be mistaken for an unreachable store
    BucketRateLimiter limiter = BucketRateLimiter.inProcess(List.of(TOKENS));
    RunContext ctx = Runs.of("alice");
    RateLimitRequest free = RateLimitRequest.modelCall("gpt-x", 0);
    assertThat(limiter.tryAcquire(free, ctx)).isInstanceOf(RateLimitDecision.Admitted.class);
    assertThat(limiter.available(TOKENS, free, ctx)).isEqualTo(1_000);
    limiter.settle(free, 200, ctx);
    assertThat(limiter.available(TOKENS, free, ctx)).isEqualTo(800);
    // a bucket in debt makes even a free call wait, with the rule's reason, not a store failure
    limiter.settle(free, 1_000, ctx);
    RateLimitDecision inDebt = limiter.tryAcquire(free, ctx);
    assertThat(inDebt).isInstanceOf(RateLimitDecision.Refused.class);
    assertThat(((RateLimitDecision.Refused) inDebt).reason()).contains("'model-tokens'");
    // two rules count it, and the second refuses: nothing is refunded to the first
    RateLimitRule shared =
        new RateLimitRule(
            "all-tokens", RateLimitKind.MODEL_CALL, "*", 10, Duration.ofHours(1), false);
    BucketRateLimiter two = BucketRateLimiter.inProcess(List.of(TOKENS, shared));
    two.settle(free, 20, ctx);
    RateLimitDecision second = two.tryAcquire(free, ctx);
    assertThat(second).isInstanceOf(RateLimitDecision.Refused.class);
    assertThat(((RateLimitDecision.Refused) second).reason()).contains("'all-tokens'");
  }

  @Test
  void principalsOfDifferentTenantsNeverShareABucket() {
    // tenant "acme/eu" with principal "bob" and tenant "acme" with principal "eu/bob" are
    // different principals: one must not drain the other's bucket
    RateLimitRule one =
        new RateLimitRule("tasks", RateLimitKind.TASK, "*", 1, Duration.ofHours(1), true);
    BucketRateLimiter limiter = BucketRateLimiter.inProcess(List.of(one));
    RunContext first = Runs.of(new Principal("bob", "acme/eu", Set.of()));
    RunContext second = Runs.of(new Principal("eu/bob", "acme", Set.of()));
    RateLimitRequest task = RateLimitRequest.task("default");
    assertThat(limiter.tryAcquire(task, first)).isInstanceOf(RateLimitDecision.Admitted.class);
    assertThat(limiter.tryAcquire(task, second)).isInstanceOf(RateLimitDecision.Admitted.class);
  }

  @Test
  void twoRulesWithOneIdAreRefusedRatherThanSharingABucket() {
    // Before: the bucket key is the rule's id, kind, name and principal, so a stricter rule for
    // one tool took from the bucket of a looser rule of the same id, and was never enforced:
    // "search" got 5 calls (10 permits, 2 taken per call) instead of 2.
    RateLimitRule loose =
        new RateLimitRule("tools", RateLimitKind.TOOL_CALL, "*", 10, Duration.ofHours(1), true);
    RateLimitRule strict =
        new RateLimitRule("tools", RateLimitKind.TOOL_CALL, "search", 2, Duration.ofHours(1), true);

    assertThatThrownBy(() -> BucketRateLimiter.inProcess(List.of(loose, strict)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tools'");
    assertThatThrownBy(() ->
            SecurityExtension.parseRules(
                "tools:TOOL_CALL:*:10:PT1H:principal;tools:TOOL_CALL:search:2:PT1H:principal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tools'");
  }

  @Test
  void aRuleBucket4jCannotHoldIsRefusedAtStartRatherThanTakenForAStoreFailure() {
    // Before: Bucket4j refused such a rule only when a call came, and the limiter took its
    // exception for an unreachable store: refused every call with "store unreachable", or, with
    // FAIL_OPEN, admitted every call unlimited.
    for (RateLimitRule rule :
        List.of(
            // more than one permit a nanosecond
            new RateLimitRule(
                "fast", RateLimitKind.MODEL_CALL, "*", 2_000_000_000L, Duration.ofSeconds(1), true),
            // a period beyond what nanoseconds can count
            new RateLimitRule(
                "slow", RateLimitKind.TASK, "*", 10, Duration.ofDays(200_000), true))) {
      assertThatThrownBy(() -> BucketRateLimiter.inProcess(List.of(rule)))
          .as(rule.id())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + rule.id() + "'");
      assertThatThrownBy(() ->
              BucketRateLimiter.redis(
                      List.of(rule),
                      "redis://127.0.0.1:1",
                      "p:",
                      Duration.ofMillis(100),
                      RateLimitFailure.FAIL_OPEN)
                  .close())
          .as(rule.id())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + rule.id() + "'");
    }
  }

  @Test
  void badRulesAreNamed() {
    assertThatThrownBy(
            () -> new RateLimitRule("x", RateLimitKind.TASK, "*", 0, Duration.ofSeconds(1), true))
        .hasMessageContaining("'x'")
        .hasMessageContaining("capacity");
  }

  @Test
  void redisIsSharedByInstancesAndNeverAdmitsMoreThanTheBucketHolds() throws Exception {
    Services.require("Redis", "127.0.0.1", 6379);
    String prefix = "agentkeel-test:" + UUID.randomUUID() + ":";
    try (BucketRateLimiter a = redis(prefix, RateLimitFailure.FAIL_CLOSED, 6379);
        BucketRateLimiter b = redis(prefix, RateLimitFailure.FAIL_CLOSED, 6379)) {
      assertThat(hammer(List.of(a, b), Runs.of("alice"), 8, 20)).isEqualTo(50);
    }
  }

  @Test
  void redisUnreachableMidTestFailsClosedByDefaultAndOpenWhenConfigured() throws Exception {
    Services.require("Redis", "127.0.0.1", 6379);
    String prefix = "agentkeel-test:" + UUID.randomUUID() + ":";
    io.agentkeel.testkit.CuttableProxy proxy =
        new io.agentkeel.testkit.CuttableProxy("127.0.0.1", 6379);
    try (BucketRateLimiter closed = redis(prefix, RateLimitFailure.FAIL_CLOSED, proxy.port());
        BucketRateLimiter open = redis(prefix, RateLimitFailure.FAIL_OPEN, proxy.port())) {
      RunContext ctx = Runs.of("alice");
      RateLimitRequest r = RateLimitRequest.toolCall("search");
      assertThat(closed.tryAcquire(r, ctx)).isInstanceOf(RateLimitDecision.Admitted.class);
      assertThat(open.tryAcquire(r, ctx)).isInstanceOf(RateLimitDecision.Admitted.class);
      proxy.close(); // Redis becomes unreachable mid-test
      for (int i = 0; i < 5; i++) {
        RateLimitDecision d = closed.tryAcquire(r, ctx);
        assertThat(d).isInstanceOf(RateLimitDecision.Refused.class);
        assertThat(((RateLimitDecision.Refused) d).reason()).contains("unavailable");
      }
      assertThat(open.tryAcquire(r, ctx)).isInstanceOf(RateLimitDecision.Admitted.class);
    }
  }

  private static BucketRateLimiter redis(String prefix, RateLimitFailure onFailure, int port) {
    return BucketRateLimiter.redis(
        List.of(TOOL), "redis://127.0.0.1:" + port, prefix, Duration.ofMillis(500), onFailure);
  }
}
