package io.agentkeel.security;

import java.nio.file.Path;

/**
 * The JVM of {@link FileAuditLogSizeTest}: opens a log (cutting off its partly written last line),
 * appends one entry, verifies the log open and closed, and prints "verified N N" with the entries
 * each verification counted, or the first problem.
 */
public final class AuditOpenMain {
  private AuditOpenMain() {}

  /**
   * Runs it.
   *
   * @param args the log file
   */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    AuditVerification open;
    try (FileAuditLog log =
        new FileAuditLog(
            file,
            FsyncPolicy.EVERY_ENTRY,
            new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
            AuditFailurePolicy.refuseAll())) {
      log.append(AuditEvents.started("t2", "bob", 0));
      open = log.verify();
    }
    AuditVerification closed = FileAuditLog.verify(file);
    System.out.println(
        open.problem().isPresent() || closed.problem().isPresent()
            ? "problem " + open + " " + closed
            : "verified " + open.entries() + " " + closed.entries());
  }
}
