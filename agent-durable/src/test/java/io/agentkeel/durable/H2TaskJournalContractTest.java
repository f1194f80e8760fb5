package io.agentkeel.durable;

import io.agentkeel.api.TaskJournal;
import io.agentkeel.testkit.store.TaskJournalContract;

/** The embedded journal keeps the task-journal contract. */
class H2TaskJournalContractTest extends TaskJournalContract {
  @Override
  protected TaskJournal newJournal() {
    return JdbcTaskJournal.open(
        "jdbc:h2:mem:" + Servers.uniquePrefix() + ";DB_CLOSE_DELAY=-1", "sa", "", "agentkeel_");
  }
}
