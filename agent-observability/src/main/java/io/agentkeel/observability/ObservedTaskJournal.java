package io.agentkeel.observability;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.api.TaskJournal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task journal that counts its writes in Micrometer: {@value MetricNames#JOURNAL_WRITES} by
 * record kind and strength ({@code forced} or {@code buffered}), {@value
 * MetricNames#JOURNAL_FORCED_DURATION} for the wait of a forced append, and {@value
 * MetricNames#JOURNAL_FAILURES} for appends the journal refused or could not store. Reads and the
 * lifecycle pass through unchanged.
 *
 * <pre>{@code
 * TaskJournal journal = ObservedTaskJournal.observe(JdbcTaskJournal.embedded(dir), registry);
 * AgentKeel.builder().taskJournal(journal) ...
 * }</pre>
 */
public final class ObservedTaskJournal implements TaskJournal {

  private final TaskJournal journal;
  private final Map<JournalEntry.Kind, Counter> buffered = new EnumMap<>(JournalEntry.Kind.class);
  private final Map<JournalEntry.Kind, Counter> forced = new EnumMap<>(JournalEntry.Kind.class);
  private final Timer forcedDuration;
  private final Counter failures;

  private ObservedTaskJournal(TaskJournal journal, MeterRegistry registry) {
    this.journal = journal;
    for (JournalEntry.Kind kind : JournalEntry.Kind.values()) {
      buffered.put(kind, writes(registry, kind, "buffered"));
      forced.put(kind, writes(registry, kind, "forced"));
    }
    this.forcedDuration =
        Timer.builder(MetricNames.JOURNAL_FORCED_DURATION)
            .description("wait of a forced journal append, until it was stored")
            .register(registry);
    this.failures =
        Counter.builder(MetricNames.JOURNAL_FAILURES)
            .description("journal appends refused or not stored")
            .register(registry);
  }

  /**
   * Wraps a journal so that its writes are counted.
   *
   * @param journal the journal
   * @param registry where the meters go
   * @return the observed journal
   */
  public static TaskJournal observe(TaskJournal journal, MeterRegistry registry) {
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(registry, "registry");
    return journal.records() ? new ObservedTaskJournal(journal, registry) : journal;
  }

  private static Counter writes(MeterRegistry registry, JournalEntry.Kind kind, String strength) {
    return Counter.builder(MetricNames.JOURNAL_WRITES)
        .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
        .tag("strength", strength)
        .description("task journal records appended")
        .register(registry);
  }

  @Override
  public void append(JournalEntry entry) {
    try {
      journal.append(entry);
    } catch (RuntimeException e) {
      failures.increment();
      throw e;
    }
    buffered.get(entry.kind()).increment();
  }

  @Override
  public void appendForced(JournalEntry entry) {
    long start = System.nanoTime();
    try {
      journal.appendForced(entry);
    } catch (RuntimeException e) {
      failures.increment();
      throw e;
    }
    forcedDuration.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    forced.get(entry.kind()).increment();
  }

  @Override
  public List<JournalEntry> read(String taskId) {
    return journal.read(taskId);
  }

  @Override
  public List<String> unfinished() {
    return journal.unfinished();
  }

  @Override
  public boolean records() {
    return journal.records();
  }

  @Override
  public void flush() {
    journal.flush();
  }

  @Override
  public void close() {
    journal.close();
  }
}
