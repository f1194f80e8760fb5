package io.agentkeel.benchmarks;

import io.agentkeel.security.PiiDetector;
import io.agentkeel.security.PiiFinding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code pii_mb_per_s}: one thread scanning 1 MB of mixed text (prose, numbers, dates, amounts,
 * order ids, and about one entity per 300 characters: e-mails, phones, cards, IBANs, SSNs, IPs,
 * keys) with every detector on. MB/s = 1 MB / the average time per scan; single-threaded, so per
 * core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PiiBenchmark {
  /** The text: 1,000,000 bytes of mixed content, the same every run. */
  String text;

  private final PiiDetector detector = PiiDetector.defaults();

  /** Builds the text. */
  @Setup
  public void setUp() {
    Random rnd = new Random(42);
    String[] prose = {
      "Thanks for reaching out about your recent order, we are looking into it. ",
      "The shipment left the warehouse on 2026-03-14 and should arrive within 3 days. ",
      "Your invoice total is $1,249.99 including tax; order no. 4111111111111112 is open. ",
      "Please reply to this message if anything is unclear, our team is happy to help. ",
      "Version 2.4.1 of the app fixes the login problem reported by 1,200 users. ",
      "Das Paket wurde am 14.03.2026 verschickt und kommt in drei Tagen an. ",
      "Meeting moved to 10:30 in room 4B, agenda attached. ",
    };
    String[] entities = {
      "jane.doe@example.com", "+44 20 7946 0958", "(415) 555-2671", "4111 1111 1111 1111",
      "DE89 3704 0044 0532 0130 00", "SSN 078-05-1120", "192.168.10.42", "2001:db8::8a2e:370:7334",
      "AKIAQYLPMN5HFIQR7XYZ", "call me at 030 1234567"
    };
    StringBuilder sb = new StringBuilder(1_000_100);
    while (sb.length() < 1_000_000) {
      sb.append(prose[rnd.nextInt(prose.length)]);
      if (rnd.nextInt(4) == 0) {
        sb.append(entities[rnd.nextInt(entities.length)]).append(". ");
      }
      if (rnd.nextInt(6) == 0) {
        sb.append('\n');
      }
    }
    text = sb.substring(0, 1_000_000);
    if (text.getBytes(StandardCharsets.UTF_8).length < 1_000_000) {
      throw new IllegalStateException("the benchmark text must be at least 1 MB");
    }
  }

  /**
   * Scans the text once.
   *
   * @return the findings
   */
  @Benchmark
  public List<PiiFinding> scan1MB() {
    long t0 = THREADS.getCurrentThreadCpuTime();
    List<PiiFinding> found = detector.find(text);
    cpuNanos += THREADS.getCurrentThreadCpuTime() - t0;
    scans++;
    return found;
  }

  /**
   * Prints MB per CPU-second of the scanning thread in each iteration: on a shared, loaded machine
   * wall time counts the time the thread waited for a core, CPU time does not.
   */
  @TearDown(Level.Iteration)
  public void report() {
    if (cpuNanos > 0) {
      System.out.printf(
          java.util.Locale.ROOT,
          "%npii_mb_per_cpu_s = %.1f (%d scans of 1 MB, %.1f ms CPU each)%n",
          scans * 1e9 / cpuNanos,
          scans,
          cpuNanos / 1e6 / scans);
    }
    cpuNanos = 0;
    scans = 0;
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private long cpuNanos;
  private long scans;
}
