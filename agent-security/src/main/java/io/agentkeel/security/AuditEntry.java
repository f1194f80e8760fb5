package io.agentkeel.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of the tamper-evident audit log: an event of a task, its place in the log, and the
 * SHA-256 chain that makes any change detectable: {@code hash} covers every other field, including
 * {@code prevHash}, the hash of the entry before.
 *
 * @param seq the entry's position, from 1, without gaps
 * @param at when the event happened
 * @param taskId the task
 * @param principal who the task ran for; empty when not known
 * @param type the event's type, such as {@code ToolIntended}
 * @param tool the tool the event is about; empty when none
 * @param action what happened, for reports: {@code called}, {@code failed:NOT_PERMITTED}, {@code
 *     blocked}, {@code rate_limited}; empty when nothing of note
 * @param payload the event as text, after redaction
 * @param prevHash the hash of the entry before, in hex; 64 zeros for the first
 * @param hash the hash of this entry, in hex
 */
public record AuditEntry(
    long seq,
    Instant at,
    String taskId,
    String principal,
    String type,
    String tool,
    String action,
    String payload,
    String prevHash,
    String hash) {
  /** The {@code prevHash} of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  /** Checks for nulls. */
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * Makes an entry, computing its hash.
   *
   * @param seq the position
   * @param at when
   * @param taskId the task
   * @param principal who
   * @param type the event type
   * @param tool the tool or empty
   * @param action the action or empty
   * @param payload the event text
   * @param prevHash the previous entry's hash
   * @return the entry
   */
  public static AuditEntry create(
      long seq,
      Instant at,
      String taskId,
      String principal,
      String type,
      String tool,
      String action,
      String payload,
      String prevHash) {
    return new AuditEntry(
        seq,
        at,
        taskId,
        principal,
        type,
        tool,
        action,
        payload,
        prevHash,
        computeHash(seq, at, taskId, principal, type, tool, action, payload, prevHash));
  }

  /**
   * Recomputes this entry's hash from its fields.
   *
   * @return the hash its fields give, in hex
   */
  public String expectedHash() {
    return computeHash(seq, at, taskId, principal, type, tool, action, payload, prevHash);
  }

  private static String computeHash(
      long seq,
      Instant at,
      String taskId,
      String principal,
      String type,
      String tool,
      String action,
      String payload,
      String prevHash) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {
            prevHash,
            Long.toString(seq),
            at.toString(),
            taskId,
            principal,
            type,
            tool,
            action,
            payload
          }) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        md.update(
            new byte[] {
              (byte) (b.length >>> 24),
              (byte) (b.length >>> 16),
              (byte) (b.length >>> 8),
              (byte) b.length
            });
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
