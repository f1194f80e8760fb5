package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.testkit.store.SessionMemoryContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineSessionMemoryTest extends SessionMemoryContract {

  @Override
  protected SessionMemory newStore(int maxTurns) {
    return CaffeineSessionMemory.builder().maxTurns(maxTurns).build();
  }

  private static final MemoryOwner ALICE = new MemoryOwner("acme", "alice");
  private static final ChatTurn HELLO = new ChatTurn(ChatTurn.Role.USER, "hello", Instant.EPOCH);

  @Test
  void anIdleSessionExpiresAndTheEvictionIsReported() {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;
    List<SessionEviction> evictions = new CopyOnWriteArrayList<>();
    CaffeineSessionMemory store =
        CaffeineSessionMemory.builder()
            .expireAfterIdle(Duration.ofMinutes(10))
            .ticker(ticker)
            .evictionListener(evictions::add)
            .build();
    store.append(ALICE, "s1", HELLO);
    store.append(ALICE, "s1", HELLO);
    nanos.addAndGet(Duration.ofMinutes(9).toNanos());
    assertThat(store.recent(ALICE, "s1", 5)).hasSize(2);
    nanos.addAndGet(Duration.ofMinutes(9).toNanos());
    assertThat(store.recent(ALICE, "s1", 5)).as("read within the idle time renews").hasSize(2);
    nanos.addAndGet(Duration.ofMinutes(11).toNanos());
    assertThat(store.recent(ALICE, "s1", 5)).isEmpty();
    store.cleanUp();
    assertThat(evictions)
        .containsExactly(new SessionEviction(ALICE, "s1", 2, SessionEviction.Cause.EXPIRED));
    SessionStats stats = store.stats();
    assertThat(stats.hits()).isEqualTo(2);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.evictions()).isEqualTo(1);
    assertThat(stats.sessions()).isZero();
  }

  @Test
  void beyondItsMostSessionsItEvictsAndReportsBySize() {
    List<SessionEviction> evictions = new CopyOnWriteArrayList<>();
    CaffeineSessionMemory store =
        CaffeineSessionMemory.builder().maxSessions(3).evictionListener(evictions::add).build();
    for (int i = 0; i < 10; i++) {
      store.append(ALICE, "s" + i, HELLO);
    }
    store.cleanUp();
    assertThat(store.stats().sessions()).isLessThanOrEqualTo(3);
    assertThat(evictions).hasSizeGreaterThanOrEqualTo(7);
    assertThat(evictions).allMatch(e -> e.cause() == SessionEviction.Cause.SIZE && e.turns() == 1);
  }

  @Test
  void badBoundsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> CaffeineSessionMemory.builder().maxTurns(0))
        .hasMessageContaining("maxTurns");
    assertThatThrownBy(() -> CaffeineSessionMemory.builder().maxSessions(0))
        .hasMessageContaining("maxSessions");
    assertThatThrownBy(() -> CaffeineSessionMemory.builder().expireAfterIdle(Duration.ZERO))
        .hasMessageContaining("expireAfterIdle");
    assertThatThrownBy(() -> newStore(3).recent(ALICE, "s", -1)).hasMessageContaining("maxTurns");
    assertThatThrownBy(() -> newStore(3).recent(ALICE, " ", 1)).hasMessageContaining("session id");
  }
}
