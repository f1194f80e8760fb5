package io.agentkeel.security;

import io.agentkeel.api.AuditSink;
import java.util.List;

/**
 * An append-only, tamper-evident audit log: an {@link AuditSink} whose entries are chained by
 * SHA-256 and can be verified and read back.
 */
public interface AuditLog extends AuditSink {
  /**
   * Checks every entry against the chain and the writer's anchor, and reports the first altered,
   * deleted, reordered or truncated entry.
   *
   * @return the verification
   */
  AuditVerification verify();

  /**
   * Reads every complete entry in stored order, for reports such as {@link AccessReview}.
   *
   * @return the entries
   */
  List<AuditEntry> entries();

  /**
   * How many events could not be stored and were let go under the {@link AuditFailurePolicy}.
   *
   * @return the count since start
   */
  long lost();
}
