package io.agentkeel.api.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One turn of a conversation, as kept in session memory.
 *
 * @param role who spoke
 * @param text what was said
 * @param at when
 */
public record ChatTurn(Role role, String text, Instant at) {

  /** Who spoke a turn. */
  public enum Role {
    /** The user. */
    USER,
    /** The agent. */
    ASSISTANT
  }

  /** Checks for nulls. */
  public ChatTurn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
  }
}
