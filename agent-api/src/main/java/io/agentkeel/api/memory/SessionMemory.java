package io.agentkeel.api.memory;

import java.util.List;

/**
 * The recent turns of each conversation. Bounded: an implementation keeps a limited number of turns
 * per session and forgets idle sessions. Core's default is in-process.
 */
public interface SessionMemory {

  /**
   * The most recent turns of a session, oldest first.
   *
   * @param sessionId the session
   * @param maxTurns the most turns to return
   * @return up to {@code maxTurns} turns; empty for an unknown session
   */
  List<ChatTurn> recent(String sessionId, int maxTurns);

  /**
   * Adds a turn to a session.
   *
   * @param sessionId the session
   * @param turn the turn
   */
  void append(String sessionId, ChatTurn turn);

  /**
   * Forgets a session.
   *
   * @param sessionId the session
   */
  void clear(String sessionId);
}
