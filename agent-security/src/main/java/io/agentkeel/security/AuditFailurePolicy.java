package io.agentkeel.security;

import io.agentkeel.tools.spi.SideEffect;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an audit log does when it cannot store an entry. Throwing from {@code append} makes the
 * agent fail the task; for a tool's intent that happens before the tool runs, so the call is
 * refused.
 *
 * @param refuseIntents the side effects whose tool calls are refused when their intent cannot be
 *     stored; {@code DESTRUCTIVE} by default
 * @param refuseOtherEvents whether any other event that cannot be stored fails the task too; if
 *     not, the loss is logged and counted
 */
public record AuditFailurePolicy(Set<SideEffect> refuseIntents, boolean refuseOtherEvents) {
  /** Copies the set. */
  public AuditFailurePolicy {
    Objects.requireNonNull(refuseIntents, "refuseIntents");
    refuseIntents = refuseIntents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(refuseIntents));
  }

  /**
   * The default: destructive tools are refused; other events are logged as lost.
   *
   * @return the policy
   */
  public static AuditFailurePolicy defaults() {
    return new AuditFailurePolicy(Set.of(SideEffect.DESTRUCTIVE), false);
  }

  /**
   * The strictest: every event that cannot be stored fails its task.
   *
   * @return the policy
   */
  public static AuditFailurePolicy refuseAll() {
    return new AuditFailurePolicy(EnumSet.of(SideEffect.WRITE, SideEffect.DESTRUCTIVE), true);
  }
}
