package io.agentkeel.benchmarks;

import io.agentkeel.api.JournalEntry;
import io.agentkeel.durable.JdbcTaskJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * journal_append_us: the time of one task-journal append that is not forced to disk, a model reply
 * of about 300 characters, on the embedded H2 journal and on PostgreSQL (127.0.0.1:5432, db {@code
 * test}). The append hands the record to the group commit; the writer thread stores it meanwhile,
 * and each iteration ends by waiting for everything queued (not timed). Sample mode: the p50 is the
 * figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class JournalAppendBenchmark {

  /** The engine: {@code h2} (embedded file) or {@code postgresql}. */
  @Param({"h2", "postgresql"})
  public String engine;

  private static final String REPLY =
      "{\"role\":\"ai\",\"text\":\"\",\"toolCalls\":[{\"id\":\"call_1\",\"name\":\"order_status\","
          + "\"arguments\":\"{\\\"order_id\\\":\\\"A-1001\\\"}\"}],\"toolCallId\":null,"
          + "\"toolName\":null} and some reasoning the model gave about the order it looked up";

  private JdbcTaskJournal journal;
  private Path directory;
  private String task;
  private long sequence;

  /**
   * Opens the journal.
   *
   * @throws IOException if the temporary directory cannot be made
   */
  @Setup(Level.Trial)
  public void open() throws IOException {
    if (engine.equals("h2")) {
      directory = Files.createTempDirectory("journal-bench");
      journal = JdbcTaskJournal.embedded(directory);
    } else {
      journal =
          JdbcTaskJournal.open(
              "jdbc:postgresql://127.0.0.1:5432/test",
              "postgres",
              "",
              "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_");
    }
    task = "bench-" + UUID.randomUUID();
  }

  /** Waits for the group commit to store what the iteration appended. */
  @TearDown(Level.Iteration)
  public void drain() {
    journal.flush();
  }

  /** Closes the journal. */
  @TearDown(Level.Trial)
  public void close() {
    journal.close();
  }

  /** Appends one record, not forced. */
  @Benchmark
  public void append() {
    journal.append(new JournalEntry(task, sequence++, JournalEntry.Kind.MODEL_REPLY, "", REPLY));
  }
}
