package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Priority;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The review queue's claim is exactly-once across processes on PostgreSQL: two JVMs, started from
 * this test with the test class path, race to claim the same 50 waiting reviews in the same order,
 * released together; every review is won by exactly one of them.
 */
class PostgresTwoJvmClaimTest {

  private static final int REVIEWS = 50;

  private static Process start(String prefix, List<String> ids) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            Stream.concat(
                    Stream.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClaimProbe.class.getName(),
                        prefix),
                    ids.stream())
                .toList())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void awaitLine(BufferedReader reader, String expected) throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.equals(expected)) {
        return;
      }
    }
    throw new AssertionError("the claim probe ended before printing " + expected);
  }

  @Test
  void twoJvmsClaimingTheSameReviewsGiveExactlyOneWinnerEach() throws Exception {
    Servers.requirePostgres();
    String prefix = "memsec" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    List<String> ids = new ArrayList<>();
    try (MemoryDatabase database =
        MemoryDatabase.open(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", prefix)) {
      try {
        JdbcReviewQueue queue = new JdbcReviewQueue(database);
        for (int i = 0; i < REVIEWS; i++) {
          String id = "review-" + i;
          queue.submit(ReviewRequests.bare(id, Priority.NORMAL, Instant.now()));
          ids.add(id);
        }
        List<Process> processes = List.of(start(prefix, ids), start(prefix, ids));
        List<BufferedReader> outputs = new ArrayList<>();
        try {
          for (Process process : processes) {
            BufferedReader reader =
                new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            awaitLine(reader, "READY");
            outputs.add(reader);
          }
          for (Process process : processes) {
            OutputStream in = process.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
          }
          Map<String, Integer> winners = new HashMap<>();
          List<Integer> wonBy = new ArrayList<>();
          for (BufferedReader reader : outputs) {
            int won = 0;
            String line;
            while ((line = reader.readLine()) != null && !line.equals("DONE")) {
              if (line.startsWith("WON ")) {
                winners.merge(line.substring(4), 1, Integer::sum);
                won++;
              }
            }
            assertThat(line).as("the claim probe finished").isEqualTo("DONE");
            wonBy.add(won);
          }
          for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
          }
          assertThat(winners).as("claims won per review, by either JVM").hasSize(REVIEWS);
          assertThat(winners.values()).containsOnly(1);
          assertThat(wonBy.get(0) + wonBy.get(1)).isEqualTo(REVIEWS);
          assertThat(queue.pending()).isEmpty();
        } finally {
          processes.forEach(Process::destroy);
        }
      } finally {
        PostgresTables.drop(database);
      }
    }
  }
}
