package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.memory.internal.SessionKey;
import io.agentkeel.testkit.store.SessionMemoryContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisSessionMemoryTest extends SessionMemoryContract {

  private final String prefix = "agentkeel-test:" + Servers.uniquePrefix();
  private final List<RedisSessionMemory> opened = new ArrayList<>();

  @BeforeEach
  void requireRedis() {
    Servers.requireRedis();
  }

  @AfterEach
  void close() {
    opened.forEach(RedisSessionMemory::close);
  }

  private RedisSessionMemory open(int maxTurns, Duration ttl) {
    RedisSessionMemory store = RedisSessionMemory.connect(Servers.REDIS_URI, prefix, maxTurns, ttl);
    opened.add(store);
    return store;
  }

  @Override
  protected SessionMemory newStore(int maxTurns) {
    return open(maxTurns, Duration.ofMinutes(5));
  }

  @Test
  void aConversationContinuesOnAnotherInstance() {
    MemoryOwner alice = new MemoryOwner("acme", "alice-" + prefix);
    ChatTurn first = new ChatTurn(ChatTurn.Role.USER, "hi", Instant.parse("2026-01-01T00:00:00Z"));
    ChatTurn second =
        new ChatTurn(ChatTurn.Role.ASSISTANT, "hello", Instant.parse("2026-01-01T00:00:01Z"));
    open(5, Duration.ofMinutes(5)).append(alice, "s", first);
    open(5, Duration.ofMinutes(5)).append(alice, "s", second);
    assertThat(open(5, Duration.ofMinutes(5)).recent(alice, "s", 10))
        .containsExactly(first, second);
  }

  @Test
  void anIdleSessionExpiresWithItsTtl() throws InterruptedException {
    MemoryOwner alice = new MemoryOwner("acme", "alice-" + prefix);
    RedisSessionMemory store = open(5, Duration.ofMillis(300));
    store.append(alice, "s", new ChatTurn(ChatTurn.Role.USER, "hi", Instant.EPOCH));
    assertThat(store.recent(alice, "s", 5)).hasSize(1);
    Thread.sleep(700);
    assertThat(store.recent(alice, "s", 5)).isEmpty();
  }

  @Test
  void anOwnerWhoseIdsSpellAnotherOwnersIndexKeyStaysApart() {
    // Tenant "owners", principal T, session P once spelled the key of owner (T, P)'s session index.
    String tenant = "t-" + java.util.UUID.randomUUID();
    MemoryOwner alice = new MemoryOwner(tenant, "alice");
    MemoryOwner mallory = new MemoryOwner("owners", tenant);
    RedisSessionMemory store = open(5, Duration.ofMinutes(5));
    ChatTurn hers = new ChatTurn(ChatTurn.Role.USER, "hers", Instant.EPOCH);
    ChatTurn his = new ChatTurn(ChatTurn.Role.USER, "his", Instant.EPOCH);
    store.append(alice, "s", hers);
    store.append(mallory, "alice", his);
    assertThat(store.recent(mallory, "alice", 5)).containsExactly(his);
    assertThat(store.forget(alice)).isEqualTo(1);
    assertThat(store.recent(alice, "s", 5)).isEmpty();
    assertThat(store.recent(mallory, "alice", 5)).containsExactly(his);
  }

  @Test
  void aSessionKeptAliveByReadsIsStillForgotten() throws InterruptedException {
    MemoryOwner alice = new MemoryOwner("acme", "alice-" + prefix);
    RedisSessionMemory store = open(5, Duration.ofMinutes(5));
    store.append(alice, "s", new ChatTurn(ChatTurn.Role.USER, "hi", Instant.EPOCH));
    String session = prefix + ":" + SessionKey.ownerKey(alice) + ":" + SessionKey.escape("s");
    String index = prefix + ":!owners:" + SessionKey.ownerKey(alice);
    RedisClient client = RedisClient.create(Servers.REDIS_URI);
    try (StatefulRedisConnection<String, String> redis = client.connect()) {
      // the session has been idle for all but a second of its TTL since it was written
      assertThat(redis.sync().pexpire(session, 1_000)).isTrue();
      assertThat(redis.sync().pexpire(index, 1_000)).isTrue();
      // a read keeps the session for another TTL
      assertThat(store.recent(alice, "s", 5)).hasSize(1);
      Thread.sleep(1_500); // the TTL the write gave has passed; the read's has not
      assertThat(redis.sync().exists(session)).isEqualTo(1);
    } finally {
      client.shutdown();
    }
    assertThat(store.forget(alice)).isEqualTo(1);
    assertThat(store.recent(alice, "s", 5)).isEmpty();
  }
}
