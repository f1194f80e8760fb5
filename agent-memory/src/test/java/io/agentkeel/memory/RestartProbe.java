package io.agentkeel.memory;

import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.api.memory.VersionedValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Run in a separate JVM by {@link RestartTest}: {@code write DIR} fills the embedded stores and
 * closes them; {@code read DIR} opens them again and checks everything is there, exiting 0 and
 * printing {@code OK}, or exiting 1 naming what is missing.
 */
public final class RestartProbe {

  static final MemoryOwner OWNER = new MemoryOwner("acme", "alice");
  static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant RECALLED = Instant.parse("2026-02-01T00:00:00Z");

  private RestartProbe() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[1]);
    Clock clock = Clock.fixed(RECALLED, ZoneOffset.UTC);
    try (MemoryDatabase database = MemoryDatabase.embedded(dir);
        LuceneLongTermMemory longTerm =
            LuceneLongTermMemory.open(dir.resolve("long-term"), new HashingModel(), clock)) {
      JdbcWorkingMemory working = new JdbcWorkingMemory(database, clock);
      JdbcReviewQueue queue = new JdbcReviewQueue(database);
      if (args[0].equals("write")) {
        working.put(OWNER, "task-1", "step", "shipped", 0);
        working.put(OWNER, "task-1", "step", "delivered", 1);
        queue.submit(ReviewRequests.full("review-1", Priority.HIGH, CREATED, "acme", "alice"));
        longTerm.remember(MemoryRecord.of("m1", OWNER, "Alice prefers tea to coffee.", CREATED));
        // A recall renews the last use in memory only; close must write it.
        longTerm.recall(MemoryQuery.of(OWNER, "tea", 1));
        System.out.println("WROTE");
        return;
      }
      Optional<VersionedValue> step = working.get("task-1", "step");
      Optional<ReviewRequest> review = queue.find("review-1");
      List<RecalledMemory> recalled = longTerm.recall(MemoryQuery.of(OWNER, "tea", 1));
      StringBuilder missing = new StringBuilder();
      if (!step.equals(Optional.of(new VersionedValue("delivered", 2)))) {
        missing.append("working value ").append(step).append("; ");
      }
      if (!review.equals(
          Optional.of(ReviewRequests.full("review-1", Priority.HIGH, CREATED, "acme", "alice")))) {
        missing.append("review request ").append(review).append("; ");
      }
      if (recalled.size() != 1 || !recalled.get(0).record().lastUsedAt().equals(RECALLED)) {
        missing.append("long-term memory ").append(recalled).append("; ");
      }
      if (queue.claim("review-1").isEmpty()) {
        missing.append("claim after restart; ");
      }
      if (missing.length() > 0) {
        System.out.println("MISSING " + missing);
        System.exit(1);
      }
      System.out.println("OK");
    }
  }
}
