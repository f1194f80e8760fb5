package io.agentkeel.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Run in a separate JVM by {@link PostgresTwoJvmClaimTest}: {@code ClaimProbe PREFIX ID...} opens
 * the PostgreSQL review queue under a table prefix, prints {@code READY}, waits for a line on
 * standard input (so that both JVMs start claiming together), then claims every id in order,
 * printing {@code WON <id>} for each claim it wins, and {@code DONE} at the end.
 */
public final class ClaimProbe {

  private ClaimProbe() {}

  public static void main(String[] args) throws IOException {
    List<String> ids = List.of(args).subList(1, args.length);
    try (MemoryDatabase database =
        MemoryDatabase.open(Servers.POSTGRES_URL, Servers.POSTGRES_USER, "", args[0])) {
      JdbcReviewQueue queue = new JdbcReviewQueue(database);
      // one claim before the start, of an id nobody submitted, so connecting is not part of the
      // race
      queue.claim("warm-up-" + args[0]);
      System.out.println("READY");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      StringBuilder out = new StringBuilder();
      for (String id : ids) {
        if (queue.claim(id).isPresent()) {
          out.append("WON ").append(id).append('\n');
        }
      }
      System.out.print(out);
      System.out.println("DONE");
    }
  }
}
