package io.agentkeel.core.internal;

import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.tools.spi.ToolContext;

/**
 * Proof that one tool call passed the permission check and, for a destructive tool, the
 * confirmation step. Only {@link ToolPermissions} issues permits, and {@link ToolInvoker} runs a
 * tool only with one: there is no second path to a tool (an architecture test holds both).
 */
public final class ToolCallPermit {
  private final RegisteredTool tool;
  private final Record arguments;
  private final String argumentsJson;
  private final ToolContext context;

  ToolCallPermit(RegisteredTool tool, Record arguments, String argumentsJson, ToolContext context) {
    this.tool = tool;
    this.arguments = arguments;
    this.argumentsJson = argumentsJson;
    this.context = context;
  }

  RegisteredTool tool() {
    return tool;
  }

  Record arguments() {
    return arguments;
  }

  String argumentsJson() {
    return argumentsJson;
  }

  ToolContext context() {
    return context;
  }
}
