package io.agentkeel.security;

import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Run contexts for tests. */
final class Runs {
  private Runs() {}

  static RunContext of(String principal, String workflow) {
    return of(Principal.of(principal, "orders:read"), workflow, null);
  }

  static RunContext of(Principal principal) {
    return of(principal, "default", null);
  }

  static RunContext of(Principal principal, String workflow, String sessionId) {
    Task.Builder builder = Task.builder().input("input").principal(principal).workflow(workflow);
    if (sessionId != null) {
      builder.sessionId(sessionId);
    }
    Task task = builder.build();
    return new RunContext(
        task,
        Workflow.builder(workflow).build(),
        "run-" + task.id(),
        Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC));
  }

  static RunContext of(String principal) {
    return of(principal, "default");
  }
}
