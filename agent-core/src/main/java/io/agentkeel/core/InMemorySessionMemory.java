package io.agentkeel.core;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Core's bounded session memory, used when no memory module is installed: at most {@code
 * maxTurnsPerSession} turns per session and {@code maxSessions} sessions, each forgotten after
 * {@code idleTimeout} without use. Thread-safe.
 */
public final class InMemorySessionMemory implements SessionMemory {

  /** One session of one owner: a session id never reaches another owner's turns. */
  private record SessionKey(MemoryOwner owner, String sessionId) {}

  private final Cache<SessionKey, Deque<ChatTurn>> sessions;
  private final int maxTurnsPerSession;

  /** Creates a memory of 10,000 sessions of 20 turns, forgotten after 30 idle minutes. */
  public InMemorySessionMemory() {
    this(10_000, 20, Duration.ofMinutes(30));
  }

  /**
   * Creates a memory with these bounds.
   *
   * @param maxSessions the most sessions kept; the least recently used go first
   * @param maxTurnsPerSession the most turns kept per session; the oldest go first
   * @param idleTimeout how long an unused session is kept
   * @throws IllegalArgumentException if a bound is not positive
   */
  public InMemorySessionMemory(int maxSessions, int maxTurnsPerSession, Duration idleTimeout) {
    if (maxSessions < 1 || maxTurnsPerSession < 1 || !idleTimeout.isPositive()) {
      throw new IllegalArgumentException("session memory bounds must be positive");
    }
    this.maxTurnsPerSession = maxTurnsPerSession;
    this.sessions =
        CacheBuilder.newBuilder().maximumSize(maxSessions).expireAfterAccess(idleTimeout).build();
  }

  @Override
  public List<ChatTurn> recent(MemoryOwner owner, String sessionId, int maxTurns) {
    Deque<ChatTurn> turns = sessions.getIfPresent(new SessionKey(owner, sessionId));
    if (turns == null) {
      return List.of();
    }
    synchronized (turns) {
      List<ChatTurn> all = List.copyOf(turns);
      return all.subList(Math.max(0, all.size() - maxTurns), all.size());
    }
  }

  @Override
  public void append(MemoryOwner owner, String sessionId, ChatTurn turn) {
    Deque<ChatTurn> turns =
        sessions
            .asMap()
            .computeIfAbsent(new SessionKey(owner, sessionId), id -> new ArrayDeque<>());
    synchronized (turns) {
      turns.addLast(turn);
      while (turns.size() > maxTurnsPerSession) {
        turns.removeFirst();
      }
    }
  }

  @Override
  public void clear(MemoryOwner owner, String sessionId) {
    sessions.invalidate(new SessionKey(owner, sessionId));
  }

  @Override
  public int forget(MemoryOwner owner) {
    int[] forgotten = {0};
    sessions
        .asMap()
        .keySet()
        .removeIf(key -> {
          boolean match = key.owner().equals(owner);
          if (match) {
            forgotten[0]++;
          }
          return match;
        });
    return forgotten[0];
  }
}
