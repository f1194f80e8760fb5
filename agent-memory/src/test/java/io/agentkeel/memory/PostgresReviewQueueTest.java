package io.agentkeel.memory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

class PostgresReviewQueueTest extends JdbcReviewQueueTests {

  static final String PREFIX = Servers.uniquePrefix();
  static MemoryDatabase first;
  static MemoryDatabase second;

  @BeforeEach
  void open() {
    Servers.requirePostgres();
    if (first == null) {
      first = MemoryDatabase.open(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", PREFIX);
      second = MemoryDatabase.open(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", PREFIX);
    }
  }

  @AfterAll
  static void close() {
    if (first != null) {
      PostgresTables.drop(first);
      first.close();
      second.close();
    }
  }

  @Override
  JdbcReviewQueue queue() {
    return new JdbcReviewQueue(first);
  }

  @Override
  JdbcReviewQueue otherInstance() {
    return new JdbcReviewQueue(second);
  }
}
