package io.agentkeel.memory;

import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.testkit.store.WorkingMemoryContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

class PostgresWorkingMemoryTest extends WorkingMemoryContract {

  static MemoryDatabase database;
  static JdbcWorkingMemory store;

  @BeforeEach
  void open() {
    Servers.requirePostgres();
    if (database == null) {
      database =
          MemoryDatabase.open(
              Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", Servers.uniquePrefix());
      store = new JdbcWorkingMemory(database, Clock.systemUTC());
    }
  }

  @AfterAll
  static void close() {
    if (database != null) {
      PostgresTables.drop(database);
      database.close();
    }
  }

  @Override
  protected WorkingMemory store() {
    return store;
  }
}
