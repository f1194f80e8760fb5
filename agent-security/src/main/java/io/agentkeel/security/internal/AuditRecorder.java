package io.agentkeel.security.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.security.AuditEntry;
import io.agentkeel.security.AuditFailurePolicy;
import io.agentkeel.security.AuditUnavailableException;
import io.agentkeel.security.PiiRedactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every audit log does before and after storing: turns an event into entry fields (redacted
 * payload, principal, tool, action) and applies the failure policy.
 */
public final class AuditRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
  private static final int PRINCIPALS_KEPT = 100_000;

  private final PiiRedactor redactor;
  private final AuditFailurePolicy policy;
  private final AtomicLong lost = new AtomicLong();
  private final Map<String, String> principals =
      new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > PRINCIPALS_KEPT;
        }
      };

  /**
   * Creates a recorder.
   *
   * @param redactor redacts payloads
   * @param policy what to do when storing fails
   */
  public AuditRecorder(PiiRedactor redactor, AuditFailurePolicy policy) {
    this.redactor = redactor;
    this.policy = policy;
  }

  /** The fields of an entry-to-be. */
  public record Fields(
      String taskId, String principal, String type, String tool, String action, String payload) {}

  /**
   * The entry fields of an event.
   *
   * @param event the event
   * @return the fields
   */
  public Fields fields(AgentEvent event) {
    return fields(event, "");
  }

  /**
   * The entry fields of an event of a run whose principal is known, such as a run resumed after a
   * review in a process that never saw the task start.
   *
   * @param event the event
   * @param runPrincipal the id of the run's principal, or empty when it is not known
   * @return the fields
   */
  public Fields fields(AgentEvent event, String runPrincipal) {
    String principal;
    synchronized (principals) {
      if (event instanceof AgentEvent.TaskStarted s && s.principalId() != null) {
        principals.put(s.taskId(), s.principalId());
      }
      principal = principals.getOrDefault(event.taskId(), runPrincipal);
    }
    String tool = "";
    String action = "";
    switch (event) {
      case AgentEvent.ToolCalled c -> {
        tool = c.tool();
        action = "called";
      }
      case AgentEvent.ToolIntended i -> {
        tool = i.tool();
        action = "intended:" + i.sideEffect();
      }
      case AgentEvent.ToolFailed f -> {
        tool = f.tool();
        action = "failed:" + f.kind();
      }
      case AgentEvent.RateLimitHit r -> {
        tool = r.kind() == io.agentkeel.api.RateLimitKind.TOOL_CALL ? r.name() : "";
        action = "rate_limited";
      }
      case AgentEvent.GuardDecision g -> {
        action = g.allowed() ? "" : "denied:" + g.action();
      }
      default -> {}
    }
    String payload = redactor.redact(event.toString()).text();
    return new Fields(
        event.taskId(), principal, event.getClass().getSimpleName(), tool, action, payload);
  }

  /**
   * Applies the failure policy to an event that could not be stored.
   *
   * @param event the event
   * @param cause why
   * @throws AuditUnavailableException when the policy refuses
   */
  public void failed(AgentEvent event, Exception cause) {
    boolean refuse =
        event instanceof AgentEvent.ToolIntended i
            ? policy.refuseIntents().contains(i.sideEffect())
            : policy.refuseOtherEvents();
    if (refuse) {
      throw new AuditUnavailableException(
          "the audit log cannot store "
              + event.getClass().getSimpleName()
              + " of task '"
              + event.taskId()
              + "' ("
              + cause.getClass().getSimpleName()
              + "); refused by the audit failure policy",
          cause);
    }
    lost.incrementAndGet();
    LOG.warn(
        "audit log could not store {} of task '{}' ({}); let go by the failure policy",
        event.getClass().getSimpleName(),
        event.taskId(),
        cause.getClass().getSimpleName());
  }

  /**
   * Events let go so far.
   *
   * @return the count
   */
  public long lost() {
    return lost.get();
  }

  /**
   * Makes the entry after another.
   *
   * @param f the fields
   * @param at when
   * @param seq the position
   * @param prevHash the previous hash
   * @return the entry
   */
  public static AuditEntry entry(Fields f, java.time.Instant at, long seq, String prevHash) {
    return AuditEntry.create(
        seq,
        at.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        f.taskId(),
        f.principal(),
        f.type(),
        f.tool(),
        f.action(),
        f.payload(),
        prevHash);
  }
}
