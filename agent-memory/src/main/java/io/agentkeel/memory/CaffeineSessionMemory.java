package io.agentkeel.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.memory.internal.SessionKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The default session tier: recent turns in process, on Caffeine. A session is forgotten after
 * {@code expireAfterIdle} without a read or write; at most {@code maxSessions} sessions are kept
 * (the least worth keeping go first) with at most {@code maxTurns} turns each (the oldest go
 * first). Every session dropped by expiry or size is reported to the {@link
 * SessionEvictionListener}; {@link #stats()} counts hits, misses and evictions. Keys are the owner
 * and the session, so one owner's session id never reaches another owner's turns. Thread-safe.
 */
public final class CaffeineSessionMemory implements SessionMemory {

  private final Cache<SessionKey, Deque<ChatTurn>> sessions;
  private final int maxTurns;

  private CaffeineSessionMemory(Builder builder) {
    this.maxTurns = builder.maxTurns;
    SessionEvictionListener listener = builder.listener;
    this.sessions =
        Caffeine.newBuilder()
            .maximumSize(builder.maxSessions)
            .expireAfterAccess(builder.expireAfterIdle)
            .ticker(builder.ticker)
            .executor(Runnable::run)
            .recordStats()
            .<SessionKey, Deque<ChatTurn>>evictionListener((key, turns, cause) -> {
              if (key != null && cause.wasEvicted()) {
                int count = turns == null ? 0 : sizeOf(turns);
                listener.evicted(
                    new SessionEviction(
                        key.owner(),
                        key.sessionId(),
                        count,
                        cause == RemovalCause.SIZE
                            ? SessionEviction.Cause.SIZE
                            : SessionEviction.Cause.EXPIRED));
              }
            })
            .build();
  }

  /**
   * A builder with the defaults: 10,000 sessions of 50 turns, forgotten after 30 idle minutes.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static int sizeOf(Deque<ChatTurn> turns) {
    synchronized (turns) {
      return turns.size();
    }
  }

  @Override
  public List<ChatTurn> recent(MemoryOwner owner, String sessionId, int maxTurns) {
    requireLimit(maxTurns);
    Deque<ChatTurn> turns = sessions.getIfPresent(new SessionKey(owner, sessionId));
    if (turns == null || maxTurns == 0) {
      return List.of();
    }
    synchronized (turns) {
      List<ChatTurn> all = new ArrayList<>(turns);
      return List.copyOf(all.subList(Math.max(0, all.size() - maxTurns), all.size()));
    }
  }

  @Override
  public void append(MemoryOwner owner, String sessionId, ChatTurn turn) {
    Objects.requireNonNull(turn, "turn");
    sessions
        .asMap()
        .compute(
            new SessionKey(owner, sessionId),
            (key, turns) -> {
              Deque<ChatTurn> kept = turns == null ? new ArrayDeque<>() : turns;
              synchronized (kept) {
                kept.addLast(turn);
                while (kept.size() > maxTurns) {
                  kept.removeFirst();
                }
              }
              return kept;
            });
  }

  @Override
  public void clear(MemoryOwner owner, String sessionId) {
    sessions.invalidate(new SessionKey(owner, sessionId));
  }

  @Override
  public int forget(MemoryOwner owner) {
    Objects.requireNonNull(owner, "owner");
    int[] removed = {0};
    sessions
        .asMap()
        .keySet()
        .removeIf(key -> {
          boolean match = key.owner().equals(owner);
          if (match) {
            removed[0]++;
          }
          return match;
        });
    return removed[0];
  }

  /**
   * The tier's counters: hits, misses, evictions and the sessions held now.
   *
   * @return a snapshot of the counters
   */
  public SessionStats stats() {
    CacheStats stats = sessions.stats();
    return new SessionStats(
        stats.hitCount(), stats.missCount(), stats.evictionCount(), sessions.estimatedSize());
  }

  /** Runs pending expiry and eviction now, reporting them to the listener; for tests and admin. */
  public void cleanUp() {
    sessions.cleanUp();
  }

  static void requireLimit(int maxTurns) {
    if (maxTurns < 0) {
      throw new IllegalArgumentException("maxTurns must not be negative, got " + maxTurns);
    }
  }

  /** Builds a {@link CaffeineSessionMemory}; not thread-safe. */
  public static final class Builder {
    private long maxSessions = 10_000;
    private int maxTurns = 50;
    private Duration expireAfterIdle = Duration.ofMinutes(30);
    private Ticker ticker = Ticker.systemTicker();
    private SessionEvictionListener listener = SessionEvictionListener.none();

    private Builder() {}

    /**
     * Sets the most sessions kept.
     *
     * @param maxSessions positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxSessions(long maxSessions) {
      if (maxSessions < 1) {
        throw new IllegalArgumentException(
            "session memory maxSessions must be positive, got " + maxSessions);
      }
      this.maxSessions = maxSessions;
      return this;
    }

    /**
     * Sets the most turns kept per session.
     *
     * @param maxTurns positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxTurns(int maxTurns) {
      if (maxTurns < 1) {
        throw new IllegalArgumentException(
            "session memory maxTurns must be positive, got " + maxTurns);
      }
      this.maxTurns = maxTurns;
      return this;
    }

    /**
     * Sets how long an unused session is kept.
     *
     * @param expireAfterIdle positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder expireAfterIdle(Duration expireAfterIdle) {
      if (!expireAfterIdle.isPositive()) {
        throw new IllegalArgumentException(
            "session memory expireAfterIdle must be positive, got " + expireAfterIdle);
      }
      this.expireAfterIdle = expireAfterIdle;
      return this;
    }

    /**
     * Sets the time source of expiry, in nanoseconds; the system's by default.
     *
     * @param ticker the time source
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets who is told of evictions.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder evictionListener(SessionEvictionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the tier.
     *
     * @return the session memory
     */
    public CaffeineSessionMemory build() {
      return new CaffeineSessionMemory(this);
    }
  }
}
