package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.RateLimitKind;
import io.agentkeel.api.ToolFailureKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessReviewTest {
  @TempDir Path dir;

  @Test
  void reportsCallsDenialsRateLimitsAndBurstsAgainstThePrincipalsOwnHistory() {
    try (FileAuditLog log =
        new FileAuditLog(
            dir.resolve("a.log"),
            FsyncPolicy.INTENTS,
            new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
            AuditFailurePolicy.defaults())) {
      log.append(AuditEvents.started("t1", "alice", 0));
      log.append(AuditEvents.started("t2", "bob", 0));
      // alice: 2 calls an hour for 10 hours, then 40 in hour 11
      for (int h = 0; h < 10; h++) {
        log.append(AuditEvents.called("t1", "search", h * 60));
        log.append(AuditEvents.called("t1", "search", h * 60 + 5));
      }
      for (int i = 0; i < 40; i++) {
        log.append(AuditEvents.called("t1", "export", 11 * 60 + i));
      }
      // bob: steady 20 an hour: many, but usual for bob
      for (int h = 0; h < 12; h++) {
        for (int i = 0; i < 20; i++) {
          log.append(AuditEvents.called("t2", "search", h * 60 + i));
        }
      }
      log.append(
          new AgentEvent.ToolFailed(
              "t1",
              AuditEvents.T0,
              "refund",
              "{}",
              ToolFailureKind.NOT_PERMITTED,
              "no scope",
              Duration.ZERO));
      log.append(
          new AgentEvent.RateLimitHit(
              "t2",
              AuditEvents.T0,
              RateLimitKind.TOOL_CALL,
              "search",
              1,
              Duration.ofSeconds(3),
              "limit"));

      AccessReview review = AccessReview.of(log.entries());
      assertThat(review.rows())
          .contains(
              new AccessReview.Row("alice", "search", 20, 0, 0),
              new AccessReview.Row("alice", "export", 40, 0, 0),
              new AccessReview.Row("alice", "refund", 0, 1, 0),
              new AccessReview.Row("bob", "search", 240, 0, 1));
      assertThat(review.bursts()).hasSize(1);
      assertThat(review.bursts().get(0).principal()).isEqualTo("alice");
      assertThat(review.bursts().get(0).events()).isEqualTo(40);
    }
  }

  /**
   * Windows were counted in whole milliseconds: a window under one millisecond (or zero) failed
   * with ArithmeticException '/ by zero', and a negative one counted backwards.
   */
  @Test
  void aWindowOfLessThanAMillisecondIsRefusedByName() {
    java.util.List<AuditEntry> entries =
        java.util.List.of(
            AuditEntry.create(
                1,
                AuditEvents.T0,
                "t1",
                "alice",
                "ToolCalled",
                "search",
                "called",
                "{}",
                AuditEntry.GENESIS));
    for (Duration window :
        new Duration[] {Duration.ZERO, Duration.ofNanos(500_000), Duration.ofHours(-1)}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> AccessReview.of(entries, window, 3.0, 10))
          .as(window.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("window")
          .hasMessageContaining(window.toString());
    }
    assertThat(AccessReview.of(entries, Duration.ofMillis(1), 3.0, 10).rows()).hasSize(1);
  }
}
