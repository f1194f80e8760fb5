package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.JournalEntry.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The instances of a new deployment open one PostgreSQL journal at the same moment, and each of
 * them opens it (skipped without a server, unless CI).
 */
class PostgresInstancesStartTogetherTest {

  private static final int INSTANCES = 6;

  @Test
  void instancesOpeningANewJournalAtOnceAllOpenIt() throws Exception {
    Servers.requirePostgres();
    List<String> failures = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
    try {
      for (int round = 0; round < 5; round++) {
        String prefix = Servers.uniquePrefix();
        CyclicBarrier together = new CyclicBarrier(INSTANCES);
        List<Future<JdbcTaskJournal>> opening = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
          String instance = "instance-" + i;
          opening.add(
              threads.submit(() -> {
                together.await();
                return Servers.postgresJournal(prefix, instance);
              }));
        }
        List<JdbcTaskJournal> opened = new ArrayList<>();
        for (Future<JdbcTaskJournal> open : opening) {
          try {
            opened.add(open.get());
          } catch (ExecutionException e) {
            failures.add(String.valueOf(e.getCause().getMessage()));
          }
        }
        for (int i = 0; i < opened.size(); i++) {
          opened.get(i).appendForced(new JournalEntry("t" + i, 0, Kind.STARTED, "", "{}"));
        }
        if (!opened.isEmpty()) {
          assertThat(opened.getFirst().unfinished()).hasSize(opened.size());
        }
        opened.forEach(JdbcTaskJournal::close);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(failures).as("instances that could not open the journal").isEmpty();
  }
}
