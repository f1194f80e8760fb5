package io.agentkeel.core.internal;

import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolContext;
import io.agentkeel.tools.spi.ToolDescriptor;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether one tool call may run: the workflow must allow the tool, the principal must hold
 * every scope it requires (deny by default), and a destructive call needs a person's confirmation.
 * The only issuer of {@link ToolCallPermit}s.
 */
final class ToolPermissions {

  /** The decision on one call. */
  sealed interface Decision {}

  /** The call may run with this permit. */
  record Permitted(ToolCallPermit permit) implements Decision {}

  /** The call may not run; the reason is told to the model. */
  record NotPermitted(String reason) implements Decision {}

  /** The call is destructive and waits for a person. */
  record Pending(PendingToolCall call) implements Decision {}

  private ToolPermissions() {}

  static List<String> missingScopes(Principal principal, ToolDescriptor descriptor) {
    if (principal.grantsAll(descriptor.scopes())) {
      return List.of();
    }
    return descriptor.scopes().stream().filter(scope -> !principal.grants(scope)).toList();
  }

  static boolean offerable(Principal principal, Workflow workflow, ToolDescriptor descriptor) {
    return workflow.allowsTool(descriptor.name()) && principal.grantsAll(descriptor.scopes());
  }

  static Decision authorize(
      RegisteredTool tool,
      Record arguments,
      String argumentsJson,
      Task task,
      Workflow workflow,
      boolean approvedByPerson,
      boolean reviewerAvailable,
      Instant deadline,
      String idempotencyKey) {
    ToolDescriptor descriptor = tool.descriptor();
    if (!workflow.allowsTool(descriptor.name())) {
      return new NotPermitted(
          "tool '"
              + descriptor.name()
              + "' is not allowed in workflow '"
              + workflow.name()
              + "'; use another tool or answer without it");
    }
    List<String> missing = missingScopes(task.principal(), descriptor);
    if (!missing.isEmpty()) {
      return new NotPermitted(
          "tool '"
              + descriptor.name()
              + "' needs scope "
              + String.join(", ", missing)
              + ", which principal '"
              + task.principal().id()
              + "' was not granted");
    }
    if (descriptor.sideEffect() == SideEffect.DESTRUCTIVE && !approvedByPerson) {
      if (!reviewerAvailable) {
        return new NotPermitted(
            "tool '"
                + descriptor.name()
                + "' is destructive and needs a person's confirmation, but no reviewer is"
                + " available to this agent; tell the user it cannot be done automatically");
      }
      return new Pending(
          new PendingToolCall(
              descriptor.name(), tool.canonicalArguments(arguments), descriptor.scopes()));
    }
    return new Permitted(
        new ToolCallPermit(
            tool,
            arguments,
            argumentsJson,
            new ToolContext(task.id(), task.principal().id(), deadline, idempotencyKey)));
  }

  /**
   * A write or destructive tool must declare the scopes a principal needs to call it: otherwise
   * every principal could change data through it.
   */
  static void requireScopesOnWrites(ToolCatalog catalog) {
    for (RegisteredTool tool : catalog.tools()) {
      if (tool.descriptor().sideEffect() != SideEffect.READ_ONLY
          && tool.descriptor().scopes().isEmpty()) {
        throw new IllegalArgumentException(
            "tool '"
                + tool.name()
                + "' is "
                + tool.descriptor().sideEffect().name().toLowerCase(java.util.Locale.ROOT)
                + " but declares no scope, so any principal could call it; declare the scope a"
                + " principal needs, for example scopes(\"orders:write\") on its descriptor or"
                + " @AgentTool(scopes = \"orders:write\")");
      }
    }
  }
}
