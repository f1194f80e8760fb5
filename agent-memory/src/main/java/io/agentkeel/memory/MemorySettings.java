package io.agentkeel.memory;

import io.agentkeel.api.ConnectionUrls;
import java.time.Duration;

/**
 * The memory module's typed configuration, read by {@link MemoryExtension} with {@code
 * Configuration.bind}: each record is bound under its prefix, each component {@code fooBar} from
 * {@code prefix.foo-bar}. Every setting has an embedded default, so nothing needs to be set.
 */
public final class MemorySettings {

  private MemorySettings() {}

  /** Where the session tier keeps turns. */
  public enum SessionStore {
    /** In process, on Caffeine. */
    CAFFEINE,
    /** In Redis, shared by instances. */
    REDIS
  }

  /**
   * {@code memory.*}: the data directory and the tools.
   *
   * @param dataDir where embedded stores keep their files; {@code ~/.agentkeel/memory} when empty
   * @param tools whether to offer {@code remember_fact} and {@code recall_memories} to the model
   * @param contextAssembler whether to replace core's context assembly with {@link
   *     BudgetedContextAssembler}
   */
  public record General(String dataDir, boolean tools, boolean contextAssembler) {
    /** The defaults. */
    public static final General DEFAULTS = new General("", true, true);
  }

  /**
   * {@code memory.session.*}.
   *
   * @param store {@code caffeine} or {@code redis}
   * @param maxSessions the most sessions kept in process
   * @param maxTurns the most turns kept per session
   * @param idleTimeout how long an unused session is kept
   * @param redisUri the Redis URI, for {@code redis}
   * @param redisKeyPrefix the prefix of Redis keys
   */
  public record Session(
      SessionStore store,
      long maxSessions,
      int maxTurns,
      Duration idleTimeout,
      String redisUri,
      String redisKeyPrefix) {
    /** The defaults. */
    public static final Session DEFAULTS =
        new Session(
            SessionStore.CAFFEINE,
            10_000,
            50,
            Duration.ofMinutes(30),
            "redis://127.0.0.1:6379",
            "agentkeel:session");

    /** Hides a password in the Redis URI. */
    @Override
    public String toString() {
      return "Session[store="
          + store
          + ", maxSessions="
          + maxSessions
          + ", maxTurns="
          + maxTurns
          + ", idleTimeout="
          + idleTimeout
          + ", redisUri="
          + ConnectionUrls.withoutPassword(redisUri)
          + ", redisKeyPrefix="
          + redisKeyPrefix
          + "]";
    }
  }

  /**
   * {@code memory.working.*}: the database of the working tier and the review queue.
   *
   * @param jdbcUrl {@code jdbc:postgresql://...}, or empty for the embedded H2 file under the data
   *     directory
   * @param user the database user
   * @param password the database password
   * @param tablePrefix the prefix of the tables
   * @param reviewQueue whether to replace core's in-memory review queue with the persistent one
   */
  public record Working(
      String jdbcUrl, String user, String password, String tablePrefix, boolean reviewQueue) {
    /** The defaults. */
    public static final Working DEFAULTS = new Working("", "sa", "", "agentkeel_", true);

    /** Hides the password. */
    @Override
    public String toString() {
      return "Working[jdbcUrl="
          + ConnectionUrls.withoutPassword(jdbcUrl)
          + ", user="
          + user
          + ", password=***, tablePrefix="
          + tablePrefix
          + ", reviewQueue="
          + reviewQueue
          + "]";
    }
  }

  /**
   * {@code memory.long-term.*}.
   *
   * @param embeddingModel {@value EmbeddingModels#ALL_MINILM_L6_V2_Q} (default) or {@value
   *     EmbeddingModels#BGE_SMALL_EN_V15_Q}
   * @param exactBelow owners with at most this many memories are searched exactly
   */
  public record LongTerm(String embeddingModel, int exactBelow) {
    /** The defaults. */
    public static final LongTerm DEFAULTS = new LongTerm(EmbeddingModels.DEFAULT, 4096);
  }
}
