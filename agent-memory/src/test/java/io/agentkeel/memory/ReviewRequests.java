package io.agentkeel.memory;

import io.agentkeel.api.Confidence;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Review requests for tests, with every optional part filled or empty. */
final class ReviewRequests {

  private ReviewRequests() {}

  static ReviewRequest full(
      String id, Priority priority, Instant at, String tenant, String principal) {
    Task task =
        new Task(
            "task-" + id,
            "cancel order 42 | ünïcode \"quoted\"",
            new Principal(principal, tenant, Set.of("orders:read", "orders:write")),
            "support",
            Optional.of("session-1"),
            Map.of("order_id", "42"));
    return new ReviewRequest(
        id,
        task,
        ReviewKind.DESTRUCTIVE_CALL,
        priority,
        "the call deletes an order",
        Optional.of("I will cancel it"),
        Optional.of(new Confidence(0.62, "unsure about the order")),
        Optional.of(new PendingToolCall("cancel_order", "{\"id\":42}", List.of("orders:write"))),
        "{\"step\":3}",
        at);
  }

  static ReviewRequest bare(String id, Priority priority, Instant at) {
    Task task =
        new Task(
            "task-" + id,
            "hello",
            new Principal("bob", "acme", Set.of()),
            "default",
            Optional.empty(),
            Map.of());
    return new ReviewRequest(
        id,
        task,
        ReviewKind.ANSWER,
        priority,
        "low confidence",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "",
        at);
  }

  static String id() {
    return "review-" + UUID.randomUUID();
  }
}
