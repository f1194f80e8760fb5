package io.agentkeel.security;

import java.nio.file.Path;

/**
 * The writing JVM of {@link AuditKillTest}: appends large entries forever, forcing each, and prints
 * "ack N" once entry N's append has returned.
 */
public final class AuditWriterMain {
  private AuditWriterMain() {}

  /**
   * Runs the writer.
   *
   * @param args the log file
   */
  public static void main(String[] args) {
    FileAuditLog log =
        new FileAuditLog(
            Path.of(args[0]),
            FsyncPolicy.EVERY_ENTRY,
            new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
            AuditFailurePolicy.refuseAll());
    String big = "lorem ipsum dolor sit amet ".repeat(20_000); // ~540 KB per entry
    log.append(AuditEvents.started("t1", "alice", 0));
    System.out.println("ack 1");
    System.out.flush();
    for (long n = 2; ; n++) {
      log.append(
          new io.agentkeel.api.AgentEvent.ToolCalled(
              "t1", AuditEvents.T0, "search", big + n, java.time.Duration.ZERO));
      System.out.println("ack " + n);
      System.out.flush();
    }
  }
}
