package io.agentkeel.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Values several tests need. */
final class Fixtures {

  static final Principal BOT = Principal.of("support-bot", "orders:*");

  static final Task TASK =
      Task.builder().id("task-1").input("cancel order A-17").principal(BOT).build();

  static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  private Fixtures() {}

  static ReviewRequest request(ReviewKind kind, Priority priority, String reason) {
    return new ReviewRequest(
        "review-1",
        TASK,
        kind,
        priority,
        reason,
        Optional.of("Order A-17 is cancelled."),
        Optional.of(new Confidence(0.6, "unsure about the date")),
        Optional.of(
            new PendingToolCall("cancel_order", "{\"id\":\"A-17\"}", List.of("orders:write"))),
        "{}",
        AT);
  }
}
