package io.agentkeel.memory;

import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.WorkingMemory;
import java.util.Objects;
import java.util.Optional;

/**
 * The memory tiers of one agent, and the one operation that forgets an owner in all of them: the
 * right to be forgotten. {@link #forget} removes the owner's sessions, task state, long-term
 * memories and waiting review requests (when the queue is this module's), and says how many of
 * each.
 *
 * @param session the session tier
 * @param working the working tier
 * @param longTerm the long-term tier
 * @param reviewQueue the persistent review queue, if this module's is in use
 */
public record MemoryTiers(
    SessionMemory session,
    WorkingMemory working,
    LongTermMemory longTerm,
    Optional<JdbcReviewQueue> reviewQueue) {

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public MemoryTiers {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(working, "working");
    Objects.requireNonNull(longTerm, "longTerm");
    Objects.requireNonNull(reviewQueue, "reviewQueue");
  }

  /**
   * Forgets everything an owner has in every tier. Each tier is asked even if an earlier one fails;
   * the first failure is thrown after all were asked, so a retry finishes the job.
   *
   * @param owner the owner
   * @return what was removed
   * @throws RuntimeException the first tier's failure, after every tier was asked
   */
  public Forgotten forget(MemoryOwner owner) {
    Objects.requireNonNull(owner, "owner");
    RuntimeException failure = null;
    int[] counts = new int[4];
    Runnable[] steps = {
      () -> counts[0] = session.forget(owner),
      () -> counts[1] = working.forget(owner),
      () -> counts[2] = longTerm.forget(owner),
      () -> counts[3] = reviewQueue.map(queue -> queue.forget(owner)).orElse(0)
    };
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new Forgotten(counts[0], counts[1], counts[2], counts[3]);
  }
}
