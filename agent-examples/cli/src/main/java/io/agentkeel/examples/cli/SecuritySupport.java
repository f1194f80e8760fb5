package io.agentkeel.examples.cli;

import io.agentkeel.api.Configuration;
import io.agentkeel.security.AccessReview;
import io.agentkeel.security.AuditEntry;
import io.agentkeel.security.AuditFailurePolicy;
import io.agentkeel.security.FileAuditLog;
import io.agentkeel.security.FsyncPolicy;
import io.agentkeel.security.InjectionDetector;
import io.agentkeel.security.PiiDetector;
import io.agentkeel.security.PiiRedactor;
import io.agentkeel.security.RedactionStyle;
import io.agentkeel.security.SecuritySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * agent-security's part of the command line: {@link PiiRedactor} for {@code redact}, {@link
 * InjectionDetector} for {@code scan}, and the checks of the file audit log that the agents write
 * to {@code DATA_DIR/audit.log} for {@code audit verify} and {@code audit access}.
 */
public final class SecuritySupport implements CommandSupport {

  /** Found by ServiceLoader; loads nothing until asked. */
  public SecuritySupport() {}

  @Override
  public String module() {
    return "agent-security";
  }

  @Override
  public Optional<Redactor> redactor(Path dataDir, Configuration settings) {
    SecuritySettings s = settings.bind("security", SecuritySettings.defaults());
    PiiRedactor redactor = new PiiRedactor(s.piiDetector(), s.outgoingPiiStyle());
    return Optional.of(line -> redactor.redact(line).text());
  }

  @Override
  public Optional<InjectionScanner> injectionScanner(Path dataDir) {
    InjectionDetector detector = InjectionDetector.combined();
    return Optional.of(text -> detector.score(text).score());
  }

  @Override
  public Optional<AuditCommands> audit(Path dataDir, Configuration settings) {
    SecuritySettings s = settings.bind("security", SecuritySettings.defaults());
    if (!s.audit().equalsIgnoreCase("file")) {
      throw new IllegalArgumentException(
          "the audit commands read the file audit log, but setting 'security.audit' is '"
              + s.audit()
              + "'; check that log where it is kept, or use security.audit=file");
    }
    Path file = Path.of(s.auditFile());
    return Optional.of(
        new AuditCommands() {
          @Override
          public CommandSupport.AuditVerification verify() {
            Path anchor = file.resolveSibling(file.getFileName() + ".head");
            if (!Files.exists(file)) {
              if (Files.exists(anchor)) {
                // The anchor is written only after entries were forced to the log.
                return new CommandSupport.AuditVerification(
                    false,
                    "audit log "
                        + file
                        + " is NOT intact: it is missing, but its anchor "
                        + anchor.getFileName()
                        + " says entries were written to it");
              }
              return new CommandSupport.AuditVerification(
                  true, "no audit log yet at " + file + " (no agent has written to it yet)");
            }
            boolean anchored = Files.exists(anchor);
            io.agentkeel.security.AuditVerification checked = FileAuditLog.verify(file);
            return new CommandSupport.AuditVerification(
                checked.intact(),
                checked
                    .problem()
                    .map(p ->
                        "audit log "
                            + file
                            + " is NOT intact: entry "
                            + p.seq()
                            + " "
                            + p.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + ": "
                            + p.detail()
                            + " ("
                            + checked.entries()
                            + " entries intact before it)")
                    .orElse(
                        "audit log "
                            + file
                            + " is intact: "
                            + checked.entries()
                            + (anchored
                                ? " entries, hash chain and anchor verified"
                                : " entries, hash chain verified; it has no anchor ("
                                    + anchor.getFileName()
                                    + ") to show entries cut off its end")));
          }

          @Override
          public String accessReview(boolean json) {
            return render(AccessReview.of(entries(file)), json);
          }
        });
  }

  private static List<AuditEntry> entries(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try (FileAuditLog log =
        new FileAuditLog(
            file,
            FsyncPolicy.INTENTS,
            new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
            new AuditFailurePolicy(
                EnumSet.noneOf(io.agentkeel.tools.spi.SideEffect.class), false))) {
      return log.entries();
    }
  }

  /** The review as the JSON documented in README, or as aligned text. */
  static String render(AccessReview review, boolean json) {
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (AccessReview.Row row : review.rows()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("principal", row.principal());
        r.put("tool", row.tool());
        r.put("calls", row.calls());
        r.put("denials", row.denials());
        r.put("rate_limit_hits", row.rateLimitHits());
        rows.add(r);
      }
      List<Map<String, Object>> bursts = new ArrayList<>();
      for (AccessReview.Burst burst : review.bursts()) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("principal", burst.principal());
        b.put("window_start", burst.windowStart().toString());
        b.put("events", burst.events());
        b.put("baseline_mean", burst.baselineMean());
        b.put("baseline_std_dev", burst.baselineStdDev());
        bursts.add(b);
      }
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("rows", rows);
      all.put("bursts", bursts);
      return Support.JSON.writeValueAsString(all);
    }
    StringBuilder text = new StringBuilder();
    text.append(
        "%-20s %-24s %7s %8s %11s%n"
            .formatted("principal", "tool", "calls", "denials", "rate limits"));
    for (AccessReview.Row row : review.rows()) {
      text.append(
          "%-20s %-24s %7d %8d %11d%n"
              .formatted(
                  row.principal(), row.tool(), row.calls(), row.denials(), row.rateLimitHits()));
    }
    if (review.bursts().isEmpty()) {
      text.append("no unusual bursts");
    } else {
      text.append("unusual bursts:");
      for (AccessReview.Burst burst : review.bursts()) {
        text.append(
            "%n  %s at %s: %d events (usual %.1f ± %.1f)"
                .formatted(
                    burst.principal(),
                    burst.windowStart(),
                    burst.events(),
                    burst.baselineMean(),
                    burst.baselineStdDev()));
      }
    }
    return text.toString();
  }
}
