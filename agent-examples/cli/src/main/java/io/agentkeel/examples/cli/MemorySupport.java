package io.agentkeel.examples.cli;

import io.agentkeel.api.Configuration;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.memory.JdbcReviewQueue;
import io.agentkeel.memory.MemoryDatabase;
import io.agentkeel.memory.MemorySettings;
import io.agentkeel.memory.MemoryTools;
import io.agentkeel.tools.spi.Tool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * agent-memory's part of the command line: the persistent review queue, agent-memory's {@link
 * JdbcReviewQueue} over the database the order agent's memory extension opens with the same
 * settings (the embedded one in {@code DATA_DIR/memory}, or the one {@code memory.working.jdbc-url}
 * names), so that a review suspended by one run is decided by another, on another machine when the
 * database is shared.
 */
public final class MemorySupport implements CommandSupport {

  /** Found by ServiceLoader; opens nothing until asked. */
  public MemorySupport() {}

  @Override
  public String module() {
    return "agent-memory";
  }

  /**
   * {@code remember_fact} and {@code recall_memories}, which the memory extension gives the order
   * agent; over a long-term tier that refuses every call, since they are only listed.
   */
  @Override
  public List<Tool<?, ?>> tools() {
    LongTermMemory listedOnly =
        new LongTermMemory() {
          @Override
          public void remember(MemoryRecord record) {
            throw new UnsupportedOperationException("listed only");
          }

          @Override
          public boolean forget(String id) {
            throw new UnsupportedOperationException("listed only");
          }

          @Override
          public int forget(MemoryOwner owner) {
            throw new UnsupportedOperationException("listed only");
          }

          @Override
          public List<RecalledMemory> recall(MemoryQuery query) {
            throw new UnsupportedOperationException("listed only");
          }
        };
    return List.of(
        MemoryTools.rememberFact(listedOnly, Clock.systemUTC()),
        MemoryTools.recallMemories(listedOnly));
  }

  @Override
  public Optional<ReviewQueue> reviewQueue(Path dataDir, Configuration settings) {
    // The database the order agent's memory extension opens with the same settings.
    MemorySettings.General general = settings.bind("memory", MemorySettings.General.DEFAULTS);
    MemorySettings.Working working =
        settings.bind("memory.working", MemorySettings.Working.DEFAULTS);
    Path directory =
        general.dataDir().isBlank() ? Support.memoryDir(dataDir) : Path.of(general.dataDir());
    return Optional.of(new DatabaseQueue(MemoryDatabase.open(working, directory)));
  }

  /** The queue and the database it holds open until the command closes it. */
  private static final class DatabaseQueue implements ReviewQueue, AutoCloseable {
    private final MemoryDatabase database;
    private final JdbcReviewQueue queue;

    DatabaseQueue(MemoryDatabase database) {
      this.database = database;
      this.queue = new JdbcReviewQueue(database);
    }

    @Override
    public void submit(ReviewRequest request) {
      queue.submit(request);
    }

    @Override
    public Optional<ReviewRequest> find(String id) {
      return queue.find(id);
    }

    @Override
    public Optional<ReviewRequest> claim(String id) {
      return queue.claim(id);
    }

    @Override
    public List<ReviewRequest> pending() {
      return queue.pending();
    }

    @Override
    public void close() {
      database.close();
    }
  }
}
