package io.agentkeel.testkit.store;

import io.agentkeel.api.TaskJournal;
import io.agentkeel.core.InMemoryTaskJournal;

/** Core's in-memory task journal keeps the task-journal contract. */
class InMemoryTaskJournalContractTest extends TaskJournalContract {
  @Override
  protected TaskJournal newJournal() {
    return new InMemoryTaskJournal();
  }
}
