package io.agentkeel.memory;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class H2ReviewQueueTest extends JdbcReviewQueueTests {

  @TempDir static Path dataDir;
  static MemoryDatabase database;

  @BeforeAll
  static void open() {
    database = MemoryDatabase.embedded(dataDir);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  JdbcReviewQueue queue() {
    return new JdbcReviewQueue(database);
  }

  @Override
  JdbcReviewQueue otherInstance() {
    // One process holds an embedded file; another instance in it shares the database.
    return new JdbcReviewQueue(database);
  }
}
