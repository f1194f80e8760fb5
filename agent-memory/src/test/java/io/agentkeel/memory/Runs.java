package io.agentkeel.memory;

import io.agentkeel.api.Principal;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Run contexts for tests. */
final class Runs {

  private Runs() {}

  static RunContext run(
      String taskId,
      String tenant,
      String principal,
      String session,
      Map<String, String> facts,
      String input) {
    Task task =
        new Task(
            taskId,
            input,
            new Principal(principal, tenant, Set.of("memory:read", "memory:write")),
            Workflow.DEFAULT_NAME,
            Optional.ofNullable(session),
            facts);
    return new RunContext(task, Workflow.defaults(), "run-" + taskId, Clock.systemUTC());
  }
}
