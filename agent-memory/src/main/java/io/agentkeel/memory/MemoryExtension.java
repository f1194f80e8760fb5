package io.agentkeel.memory;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.Configuration;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.WorkingMemory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the memory module, found by {@link java.util.ServiceLoader}: the session tier (Caffeine,
 * or Redis with {@code memory.session.store=redis}), the working tier and the persistent review
 * queue (an embedded H2 file, or PostgreSQL with {@code memory.working.jdbc-url}), the long-term
 * tier (a Lucene index), {@link BudgetedContextAssembler}, and the memory tools with {@link
 * MemoryToolScope}. Embedded stores live under {@code memory.data-dir}, by default {@code
 * ~/.agentkeel/memory}. See {@link MemorySettings} for every key.
 *
 * <p>Stores are opened when the agent is built and closed with it (through a listener's {@code
 * close}). {@link #tiers()} gives the application the opened tiers, for {@link MemoryTiers#forget}.
 */
public final class MemoryExtension implements AgentExtension {

  private static final Logger LOG = LoggerFactory.getLogger(MemoryExtension.class);

  private volatile MemoryTiers tiers;

  /** Creates the extension; it does nothing until configured. */
  public MemoryExtension() {}

  @Override
  public String name() {
    return "agentkeel-memory";
  }

  /** After security (which cleans what memory reads), before observability. */
  @Override
  public int order() {
    return 100;
  }

  @Override
  public void configure(ExtensionBinder binder) {
    Configuration configuration = binder.configuration();
    MemorySettings.General general = configuration.bind("memory", MemorySettings.General.DEFAULTS);
    MemorySettings.Session sessionSettings =
        configuration.bind("memory.session", MemorySettings.Session.DEFAULTS);
    MemorySettings.Working workingSettings =
        configuration.bind("memory.working", MemorySettings.Working.DEFAULTS);
    MemorySettings.LongTerm longTermSettings =
        configuration.bind("memory.long-term", MemorySettings.LongTerm.DEFAULTS);
    Path dataDir =
        general.dataDir().isBlank()
            ? Path.of(System.getProperty("user.home"), ".agentkeel", "memory")
            : Path.of(general.dataDir());
    Clock clock = Clock.systemUTC();
    List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
    try {
      SessionMemory session = openSession(sessionSettings, resources);
      MemoryDatabase database = MemoryDatabase.open(workingSettings, dataDir);
      resources.add(database);
      WorkingMemory working = new JdbcWorkingMemory(database, clock);
      named(
          "memory.long-term.exact-below",
          () -> {
            if (longTermSettings.exactBelow() < 0) {
              throw new IllegalArgumentException(
                  "must not be negative, got " + longTermSettings.exactBelow());
            }
          });
      EmbeddingModel model =
          named(
              "memory.long-term.embedding-model",
              () -> EmbeddingModels.byName(longTermSettings.embeddingModel()));
      LuceneLongTermMemory longTerm =
          LuceneLongTermMemory.open(
              dataDir.resolve("long-term"), model, clock, longTermSettings.exactBelow());
      resources.add(0, longTerm);
      JdbcReviewQueue queue = workingSettings.reviewQueue() ? new JdbcReviewQueue(database) : null;
      binder.use(SessionMemory.class, session);
      binder.use(WorkingMemory.class, working);
      binder.use(LongTermMemory.class, longTerm);
      if (queue != null) {
        binder.use(ReviewQueue.class, queue);
      }
      if (general.contextAssembler()) {
        binder.use(
            ContextAssembler.class, new BudgetedContextAssembler(session, working, longTerm));
      }
      if (general.tools()) {
        binder.tool(MemoryTools.rememberFact(longTerm, clock));
        binder.tool(MemoryTools.recallMemories(longTerm));
        binder.add(ToolCallInterceptor.class, MemoryToolScope.class);
      }
      binder.add(AgentEventListener.class, new Closer(resources));
      tiers = new MemoryTiers(session, working, longTerm, java.util.Optional.ofNullable(queue));
      LOG.info(
          "memory: session tier {}, working tier {}, long-term tier Lucene with {}",
          sessionSettings.store(),
          database.engine(),
          longTermSettings.embeddingModel());
    } catch (RuntimeException e) {
      new Closer(resources).close();
      throw e;
    }
  }

  /** Runs a step that checks a setting's value, naming the key in its error. */
  private static void named(String key, Runnable step) {
    named(
        key,
        () -> {
          step.run();
          return null;
        });
  }

  /** Runs a step that checks a setting's value, naming the key in its error. */
  private static <T> T named(String key, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting '" + key + "': " + e.getMessage(), e);
    }
  }

  private static SessionMemory openSession(
      MemorySettings.Session settings, List<AutoCloseable> resources) {
    // The bounds of both stores, checked here so that a bad value is named by its key.
    CaffeineSessionMemory.Builder builder = CaffeineSessionMemory.builder();
    named("memory.session.max-sessions", () -> builder.maxSessions(settings.maxSessions()));
    named("memory.session.max-turns", () -> builder.maxTurns(settings.maxTurns()));
    named("memory.session.idle-timeout", () -> builder.expireAfterIdle(settings.idleTimeout()));
    if (settings.store() == MemorySettings.SessionStore.REDIS) {
      named("memory.session.redis-uri", () -> RedisSessionMemory.checkUri(settings.redisUri()));
      RedisSessionMemory redis =
          RedisSessionMemory.connect(
              settings.redisUri(),
              settings.redisKeyPrefix(),
              settings.maxTurns(),
              settings.idleTimeout());
      resources.add(redis);
      return redis;
    }
    return builder
        .evictionListener(eviction ->
            LOG.debug("session evicted ({}), {} turns", eviction.cause(), eviction.turns()))
        .build();
  }

  /**
   * The tiers opened by {@link #configure}, for the right to be forgotten.
   *
   * @return the tiers
   * @throws IllegalStateException if the extension was not configured yet
   */
  public MemoryTiers tiers() {
    MemoryTiers opened = tiers;
    if (opened == null) {
      throw new IllegalStateException("the memory extension was not configured by an agent yet");
    }
    return opened;
  }

  /** Closes the stores when the agent closes. */
  private record Closer(List<AutoCloseable> resources) implements AgentEventListener {
    @Override
    public void onEvent(AgentEvent event, RunContext context) {}

    @Override
    public void close() {
      synchronized (resources) {
        for (AutoCloseable resource : resources) {
          try {
            resource.close();
          } catch (Exception e) {
            LOG.warn("closing a memory store failed: {}", e.getClass().getSimpleName());
          }
        }
        resources.clear();
      }
    }
  }
}
