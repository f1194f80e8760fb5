package io.agentkeel.memory;

import io.agentkeel.api.ReviewQueue;
import io.agentkeel.testkit.store.ReviewQueueContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** Core's review queue contract against the persistent queue on PostgreSQL. */
class PostgresReviewQueueContractTest extends ReviewQueueContract {

  static final List<MemoryDatabase> OPENED = new ArrayList<>();

  @BeforeEach
  void requirePostgres() {
    Servers.requirePostgres();
  }

  @AfterAll
  static void close() {
    for (MemoryDatabase database : OPENED) {
      PostgresTables.drop(database);
      database.close();
    }
  }

  @Override
  protected ReviewQueue newQueue() {
    // A fresh, empty queue per test: its own uniquely prefixed tables.
    MemoryDatabase database =
        MemoryDatabase.open(
            Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", Servers.uniquePrefix());
    OPENED.add(database);
    return new JdbcReviewQueue(database);
  }
}
