package io.agentkeel.benchmarks;

import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.memory.CaffeineSessionMemory;
import io.agentkeel.memory.RedisSessionMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code session_ops_per_s}: one session operation is an append of a turn plus a read of the newest
 * 10 turns, over 1,000 sessions of one owner, one thread; on Caffeine (in process) and on the local
 * Redis (one Lettuce connection, so each operation is two round trips).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionBenchmark {

  /** The store: {@code caffeine} or {@code redis}. */
  @Param({"caffeine", "redis"})
  public String store;

  private SessionMemory memory;
  private final MemoryOwner owner = new MemoryOwner("bench", "owner");
  private final ChatTurn turn =
      new ChatTurn(ChatTurn.Role.USER, "What is the status of my order 1042?", Instant.EPOCH);
  private int next;

  /** Opens the store. */
  @Setup(Level.Trial)
  public void setUp() {
    memory =
        switch (store) {
          case "caffeine" -> CaffeineSessionMemory.builder().maxTurns(50).build();
          case "redis" ->
              RedisSessionMemory.connect(
                  "redis://127.0.0.1:6379",
                  "agentkeel-bench:" + UUID.randomUUID(),
                  50,
                  Duration.ofMinutes(5));
          default -> throw new IllegalArgumentException("unknown store " + store);
        };
  }

  /**
   * Appends a turn and reads the newest ten.
   *
   * @return the turns read
   */
  @Benchmark
  public List<ChatTurn> appendAndRead() {
    String session = "s" + (next++ % 1000);
    memory.append(owner, session, turn);
    return memory.recent(owner, session, 10);
  }

  /** Forgets the benchmark's sessions and closes the store. */
  @TearDown(Level.Trial)
  public void tearDown() {
    memory.forget(owner);
    if (memory instanceof RedisSessionMemory redis) {
      redis.close();
    }
  }
}
