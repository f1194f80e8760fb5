package io.agentkeel.memory;

import io.agentkeel.api.ReviewQueue;
import io.agentkeel.testkit.store.ReviewQueueContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Core's review queue contract against the embedded persistent queue. */
class H2ReviewQueueContractTest extends ReviewQueueContract {

  @TempDir static Path dataDir;
  static MemoryDatabase database;
  static int next;
  static final java.util.List<MemoryDatabase> OPENED = new java.util.ArrayList<>();

  @BeforeAll
  static void open() {
    database = MemoryDatabase.embedded(dataDir);
  }

  @AfterAll
  static void close() {
    OPENED.forEach(MemoryDatabase::close);
    database.close();
  }

  @Override
  protected ReviewQueue newQueue() {
    // A fresh, empty queue per test: its own embedded database file.
    MemoryDatabase queueDatabase =
        MemoryDatabase.open(
            "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("q" + next++) + "/db",
            "sa",
            "",
            "agentkeel_");
    OPENED.add(queueDatabase);
    return new JdbcReviewQueue(queueDatabase);
  }
}
