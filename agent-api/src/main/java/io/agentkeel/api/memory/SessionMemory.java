package io.agentkeel.api.memory;

import java.util.List;

/**
 * The recent turns of each conversation, keyed by owner and session: a session id never reaches
 * another owner's turns. Bounded: an implementation keeps a limited number of turns per session and
 * forgets idle sessions. Core's default is in-process; implementations must be thread-safe.
 */
public interface SessionMemory {

  /**
   * The most recent turns of a session, oldest first.
   *
   * @param owner whose session
   * @param sessionId the session
   * @param maxTurns the most turns to return
   * @return up to {@code maxTurns} turns; empty for an unknown session
   */
  List<ChatTurn> recent(MemoryOwner owner, String sessionId, int maxTurns);

  /**
   * Adds a turn to a session.
   *
   * @param owner whose session
   * @param sessionId the session
   * @param turn the turn
   */
  void append(MemoryOwner owner, String sessionId, ChatTurn turn);

  /**
   * Forgets a session.
   *
   * @param owner whose session
   * @param sessionId the session
   */
  void clear(MemoryOwner owner, String sessionId);

  /**
   * Forgets every session of an owner (the right to be forgotten).
   *
   * @param owner the owner
   * @return how many sessions were forgotten
   */
  int forget(MemoryOwner owner);
}
