package io.agentkeel.memory;

import io.agentkeel.api.ConnectionUrls;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.memory.internal.SessionKey;
import io.agentkeel.memory.internal.TurnCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shared session tier: each session is a capped Redis list with a time to live, so a
 * conversation continues on whichever instance serves its next turn. A write appends, trims to the
 * newest {@code maxTurns} and renews the TTL in one atomic script; a read renews the TTL too, so a
 * session expires after {@code ttl} of inactivity. Keys hold the escaped owner and session ({@code
 * prefix:tenant:principal:session}); a set per owner lists its sessions for {@link #forget}, and
 * lives as long as the newest of them. Thread-safe (one Lettuce connection, shared).
 *
 * <p>Needs {@code io.lettuce:lettuce-core} on the class path (an optional dependency of this
 * module).
 */
public final class RedisSessionMemory implements SessionMemory, AutoCloseable {

  private static final String APPEND =
      "redis.call('RPUSH', KEYS[1], ARGV[1]) "
          + "redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1) "
          + "redis.call('PEXPIRE', KEYS[1], ARGV[3]) "
          + "redis.call('SADD', KEYS[2], KEYS[1]) "
          + "redis.call('PEXPIRE', KEYS[2], ARGV[3]) "
          + "return 1";

  private static final String FORGET =
      "local sessions = redis.call('SMEMBERS', KEYS[1]) "
          + "local n = 0 "
          + "for _, key in ipairs(sessions) do n = n + redis.call('DEL', key) end "
          + "redis.call('DEL', KEYS[1]) "
          + "return n";

  private final RedisClient client;
  private final boolean ownsClient;
  private final StatefulRedisConnection<String, String> connection;
  private final String prefix;
  private final int maxTurns;
  private final long ttlMillis;

  private RedisSessionMemory(
      RedisClient client, boolean ownsClient, String prefix, int maxTurns, Duration ttl) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.connection = client.connect();
    this.prefix = prefix;
    this.maxTurns = maxTurns;
    this.ttlMillis = ttl.toMillis();
  }

  /**
   * Connects to Redis.
   *
   * @param redisUri such as {@code redis://127.0.0.1:6379}
   * @param keyPrefix the prefix of every key, such as {@code agentkeel:session}
   * @param maxTurns the most turns kept per session, positive
   * @param ttl how long an unused session is kept, positive
   * @return the session memory; close it to close its connection
   * @throws IllegalArgumentException if a value is out of range, or the URI cannot be read (its
   *     message shows the URI's password as {@code ***})
   * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
   */
  public static RedisSessionMemory connect(
      String redisUri, String keyPrefix, int maxTurns, Duration ttl) {
    validate(keyPrefix, maxTurns, ttl);
    checkUri(redisUri);
    return new RedisSessionMemory(RedisClient.create(redisUri), true, keyPrefix, maxTurns, ttl);
  }

  /**
   * Checks that a Redis URI can be read, without connecting.
   *
   * @throws IllegalArgumentException if it cannot; the parser quotes the URI whole ("Illegal
   *     character in path at index 32: redis://:pw@..."), so neither its message nor the exception
   *     itself is passed on, only the message with the URI's password shown as {@code ***}; a
   *     message that quotes only a piece of a URI that holds a password is left out
   */
  static void checkUri(String redisUri) {
    try {
      io.lettuce.core.RedisURI.create(redisUri);
    } catch (IllegalArgumentException e) {
      String masked = ConnectionUrls.withoutPassword(redisUri);
      String message = e.getMessage();
      // A password holding '/' is read as the port: "For input string: "cret@host:6379/0"" quotes a
      // piece of it that no masking of the URI finds.
      boolean quotesAPiece =
          message != null && !Objects.equals(masked, redisUri) && !message.contains(redisUri);
      String reason =
          message == null || quotesAPiece ? "" : ": " + message.replace(redisUri, masked);
      throw new IllegalArgumentException(
          "session memory cannot read the Redis URI '"
              + masked
              + "'"
              + ConnectionUrls.withoutPassword(reason)
              + "; write one such as redis://:password@127.0.0.1:6379");
    }
  }

  /**
   * Uses a client the application owns; {@link #close()} closes only this tier's connection.
   *
   * @param client the client
   * @param keyPrefix the prefix of every key
   * @param maxTurns the most turns kept per session, positive
   * @param ttl how long an unused session is kept, positive
   * @return the session memory
   * @throws IllegalArgumentException if a value is out of range
   */
  public static RedisSessionMemory using(
      RedisClient client, String keyPrefix, int maxTurns, Duration ttl) {
    validate(keyPrefix, maxTurns, ttl);
    return new RedisSessionMemory(
        Objects.requireNonNull(client, "client"), false, keyPrefix, maxTurns, ttl);
  }

  private static void validate(String keyPrefix, int maxTurns, Duration ttl) {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(ttl, "ttl");
    if (keyPrefix.isBlank()) {
      throw new IllegalArgumentException(
          "Redis session memory needs a key prefix, such as 'agentkeel:session'");
    }
    if (maxTurns < 1) {
      throw new IllegalArgumentException(
          "Redis session memory maxTurns must be positive, got " + maxTurns);
    }
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException(
          "Redis session memory ttl must be at least 1 ms, got " + ttl);
    }
  }

  private String sessionKey(MemoryOwner owner, String sessionId) {
    SessionKey key = new SessionKey(owner, sessionId);
    return prefix + ":" + SessionKey.ownerKey(key.owner()) + ":" + SessionKey.escape(sessionId);
  }

  private String ownerIndex(MemoryOwner owner) {
    // '!' is always escaped in an owner part, so no session key can spell an owner's index key.
    return prefix + ":!owners:" + SessionKey.ownerKey(owner);
  }

  @Override
  public List<ChatTurn> recent(MemoryOwner owner, String sessionId, int maxTurns) {
    CaffeineSessionMemory.requireLimit(maxTurns);
    String key = sessionKey(owner, sessionId);
    if (maxTurns == 0) {
      return List.of();
    }
    RedisCommands<String, String> redis = connection.sync();
    List<String> encoded = redis.lrange(key, -maxTurns, -1);
    if (encoded.isEmpty()) {
      return List.of();
    }
    redis.pexpire(key, ttlMillis);
    // the owner's index lives as long as its sessions, or forget would no longer find this one
    redis.pexpire(ownerIndex(owner), ttlMillis);
    List<ChatTurn> turns = new ArrayList<>(encoded.size());
    for (String value : encoded) {
      turns.add(TurnCodec.decode(value));
    }
    return List.copyOf(turns);
  }

  @Override
  public void append(MemoryOwner owner, String sessionId, ChatTurn turn) {
    Objects.requireNonNull(turn, "turn");
    connection
        .sync()
        .<Long>eval(
            APPEND,
            ScriptOutputType.INTEGER,
            new String[] {sessionKey(owner, sessionId), ownerIndex(owner)},
            TurnCodec.encode(turn),
            Integer.toString(maxTurns),
            Long.toString(ttlMillis));
  }

  @Override
  public void clear(MemoryOwner owner, String sessionId) {
    String key = sessionKey(owner, sessionId);
    RedisCommands<String, String> redis = connection.sync();
    redis.del(key);
    redis.srem(ownerIndex(owner), key);
  }

  @Override
  public int forget(MemoryOwner owner) {
    Objects.requireNonNull(owner, "owner");
    Long removed =
        connection.sync().eval(FORGET, ScriptOutputType.INTEGER, new String[] {ownerIndex(owner)});
    return removed == null ? 0 : removed.intValue();
  }

  /** Closes this tier's connection, and the client if this tier created it. */
  @Override
  public void close() {
    connection.close();
    if (ownsClient) {
      client.shutdown();
    }
  }
}
