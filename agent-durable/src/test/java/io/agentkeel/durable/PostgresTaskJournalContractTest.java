package io.agentkeel.durable;

import io.agentkeel.api.TaskJournal;
import io.agentkeel.testkit.store.TaskJournalContract;

/** The PostgreSQL journal keeps the task-journal contract (skipped without a server, unless CI). */
class PostgresTaskJournalContractTest extends TaskJournalContract {
  @Override
  protected TaskJournal newJournal() {
    Servers.requirePostgres();
    return JdbcTaskJournal.open(
        Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", Servers.uniquePrefix());
  }
}
