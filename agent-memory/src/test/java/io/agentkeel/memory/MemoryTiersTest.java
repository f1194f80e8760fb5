package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.agentkeel.api.Priority;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.WorkingMemory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The right to be forgotten: one operation removes an owner from every tier, on every store. */
class MemoryTiersTest {

  @TempDir Path dir;

  @Test
  void forgetsAnOwnerInEveryEmbeddedStore() {
    try (MemoryDatabase database = MemoryDatabase.embedded(dir);
        LuceneLongTermMemory longTerm =
            LuceneLongTermMemory.open(dir.resolve("lt"), SharedModel.get(), Clock.systemUTC())) {
      MemoryTiers tiers =
          new MemoryTiers(
              CaffeineSessionMemory.builder().build(),
              new JdbcWorkingMemory(database, Clock.systemUTC()),
              longTerm,
              Optional.of(new JdbcReviewQueue(database)));
      checkForget(tiers);
    }
  }

  @Test
  void forgetsAnOwnerInEverySharedStore() {
    Servers.requireRedis();
    Servers.requirePostgres();
    try (RedisSessionMemory session =
            RedisSessionMemory.connect(
                Servers.REDIS_URI,
                "agentkeel-test:" + Servers.uniquePrefix(),
                10,
                Duration.ofMinutes(5));
        MemoryDatabase database =
            MemoryDatabase.open(
                Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", Servers.uniquePrefix())) {
      try {
        MemoryTiers tiers =
            new MemoryTiers(
                session,
                new JdbcWorkingMemory(database, Clock.systemUTC()),
                new EmbeddingStoreLongTermMemory(
                    new InMemoryEmbeddingStore<>(), SharedModel.get(), Clock.systemUTC()),
                Optional.of(new JdbcReviewQueue(database)));
        checkForget(tiers);
      } finally {
        PostgresTables.drop(database);
      }
    }
  }

  private static void checkForget(MemoryTiers tiers) {
    String tenant = "t-" + UUID.randomUUID();
    MemoryOwner alice = new MemoryOwner(tenant, "alice");
    MemoryOwner bob = new MemoryOwner(tenant, "bob");
    for (MemoryOwner owner : new MemoryOwner[] {alice, bob}) {
      SessionMemory session = tiers.session();
      session.append(owner, "s1", new ChatTurn(ChatTurn.Role.USER, "hi", Instant.EPOCH));
      session.append(owner, "s2", new ChatTurn(ChatTurn.Role.USER, "hi", Instant.EPOCH));
      WorkingMemory working = tiers.working();
      working.put(owner, "task-" + owner.principal() + tenant, "k", "v", 0);
      LongTermMemory longTerm = tiers.longTerm();
      longTerm.remember(
          MemoryRecord.of(owner.principal() + "-m1" + tenant, owner, "likes tea", Instant.EPOCH));
      longTerm.remember(
          MemoryRecord.of(owner.principal() + "-m2" + tenant, owner, "owns a bike", Instant.EPOCH));
      tiers
          .reviewQueue()
          .orElseThrow()
          .submit(
              ReviewRequests.full(
                  ReviewRequests.id(), Priority.NORMAL, Instant.now(), tenant, owner.principal()));
    }
    Forgotten forgotten = tiers.forget(alice);
    assertThat(forgotten).isEqualTo(new Forgotten(2, 1, 2, 1));
    assertThat(forgotten.total()).isEqualTo(6);
    assertThat(tiers.session().recent(alice, "s1", 5)).isEmpty();
    assertThat(tiers.working().snapshot("task-alice" + tenant)).isEmpty();
    assertThat(tiers.longTerm().recall(MemoryQuery.of(alice, "tea", 5))).isEmpty();
    assertThat(tiers.reviewQueue().orElseThrow().pending())
        .noneMatch(r ->
            r.task().principal().id().equals("alice")
                && r.task().principal().tenant().equals(tenant));
    assertThat(tiers.session().recent(bob, "s1", 5)).hasSize(1);
    assertThat(tiers.working().snapshot("task-bob" + tenant)).hasSize(1);
    assertThat(tiers.longTerm().recall(MemoryQuery.of(bob, "tea", 5))).hasSize(2);
    assertThat(tiers.forget(alice)).isEqualTo(new Forgotten(0, 0, 0, 0));
  }

  @Test
  void aFailingTierDoesNotStopTheOthers() {
    CaffeineSessionMemory session = CaffeineSessionMemory.builder().build();
    MemoryOwner alice = new MemoryOwner("t", "alice");
    session.append(alice, "s", new ChatTurn(ChatTurn.Role.USER, "hi", Instant.EPOCH));
    LongTermMemory broken =
        new LongTermMemory() {
          @Override
          public void remember(MemoryRecord record) {}

          @Override
          public boolean forget(String id) {
            return false;
          }

          @Override
          public int forget(MemoryOwner owner) {
            throw new IllegalStateException("index offline");
          }

          @Override
          public java.util.List<io.agentkeel.api.memory.RecalledMemory> recall(MemoryQuery query) {
            return java.util.List.of();
          }
        };
    io.agentkeel.core.InMemoryWorkingMemory working = new io.agentkeel.core.InMemoryWorkingMemory();
    working.put(alice, "task", "k", "v", 0);
    MemoryTiers tiers = new MemoryTiers(session, working, broken, Optional.empty());
    assertThatThrownBy(() -> tiers.forget(alice)).hasMessage("index offline");
    assertThat(session.recent(alice, "s", 5)).isEmpty();
    assertThat(working.snapshot("task")).isEmpty();
  }
}
