package io.agentkeel.memory;

import io.agentkeel.api.memory.MemoryOwner;
import java.util.Objects;

/**
 * A session the session tier dropped on its own, reported to a {@link SessionEvictionListener}.
 *
 * @param owner whose session it was
 * @param sessionId the session
 * @param turns how many turns it held
 * @param cause why it was dropped
 */
public record SessionEviction(MemoryOwner owner, String sessionId, int turns, Cause cause) {

  /** Why a session was dropped. */
  public enum Cause {
    /** It was not used for longer than the idle timeout. */
    EXPIRED,
    /** The tier held its most sessions, and this one was the least worth keeping. */
    SIZE
  }

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public SessionEviction {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(cause, "cause");
  }
}
