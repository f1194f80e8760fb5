package io.agentkeel.security;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AuditSink;
import io.agentkeel.testkit.store.AuditSinkContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;

/**
 * The test kit's {@link AuditSinkContract} against both audit logs. They keep a redacted text of
 * each event, not the event, so {@link #readBack} maps every stored entry of the task back to the
 * appended event whose redacted text it holds: order and completeness are checked on what is kept.
 */
class AuditLogContractTest {
  static final PiiRedactor REDACTOR =
      new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER);

  /** Remembers what was appended, to map stored text back to events. */
  static final class Recording implements AuditSink {
    final AuditLog log;
    final Map<String, AgentEvent> byPayload = new ConcurrentHashMap<>();

    Recording(AuditLog log) {
      this.log = log;
    }

    @Override
    public void append(AgentEvent event) {
      byPayload.put(REDACTOR.redact(event.toString()).text(), event);
      log.append(event);
    }

    @Override
    public void flush() {
      log.flush();
    }

    @Override
    public void close() {
      log.close();
    }
  }

  static List<AgentEvent> readBack(AuditSink sink, String taskId) {
    Recording r = (Recording) sink;
    List<AgentEvent> out = new ArrayList<>();
    for (AuditEntry e : r.log.entries()) {
      if (e.taskId().equals(taskId)) {
        AgentEvent original = r.byPayload.get(e.payload());
        if (original == null) {
          throw new AssertionError("entry " + e.seq() + " holds no appended event");
        }
        out.add(original);
      }
    }
    if (!r.log.verify().intact()) {
      throw new AssertionError("the chain does not verify: " + r.log.verify());
    }
    return out;
  }

  @Nested
  class FileLog extends AuditSinkContract {
    @Override
    protected AuditSink newSink() {
      try {
        Path dir = Files.createTempDirectory("audit-contract");
        return new Recording(
            new FileAuditLog(
                dir.resolve("audit.log"),
                FsyncPolicy.INTENTS,
                REDACTOR,
                AuditFailurePolicy.defaults()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    protected List<AgentEvent> readBack(AuditSink sink, String taskId) {
      return AuditLogContractTest.readBack(sink, taskId);
    }
  }

  @Nested
  class PostgresLog extends AuditSinkContract {
    @Override
    protected AuditSink newSink() {
      Services.require("PostgreSQL", "127.0.0.1", 5432);
      String table =
          "audit_contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      return new Recording(
          new PostgresAuditLog(
              PostgresAuditLogTest.URL,
              "postgres",
              "",
              table,
              REDACTOR,
              AuditFailurePolicy.defaults()));
    }

    @Override
    protected List<AgentEvent> readBack(AuditSink sink, String taskId) {
      return AuditLogContractTest.readBack(sink, taskId);
    }
  }
}
