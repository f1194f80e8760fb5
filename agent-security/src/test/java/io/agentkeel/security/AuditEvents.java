package io.agentkeel.security;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.tools.spi.SideEffect;
import java.time.Duration;
import java.time.Instant;

/** Events for audit tests. */
final class AuditEvents {
  private AuditEvents() {}

  static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456789Z");

  static AgentEvent started(String task, String principal, int minute) {
    return new AgentEvent.TaskStarted(task, T0.plusSeconds(60L * minute), "default", principal);
  }

  static AgentEvent intended(String task, String tool, SideEffect effect, String args) {
    return new AgentEvent.ToolIntended(task, T0, tool, "call-1", effect, args);
  }

  static AgentEvent called(String task, String tool, int minute) {
    return new AgentEvent.ToolCalled(
        task, T0.plusSeconds(60L * minute), tool, "{\"q\":\"x\"}", Duration.ofMillis(3));
  }
}
