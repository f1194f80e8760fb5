package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import io.agentkeel.api.PrintableText;
import java.util.ArrayList;
import java.util.List;

/**
 * The bound on the arguments of one tool call ({@link
 * io.agentkeel.api.LoopBudget#maxToolArgumentChars()}): a call with longer arguments does not run,
 * and wherever its arguments would be kept (the conversation, the journal, events, the audit) a
 * short marker stands in for them, as valid JSON so that every model provider accepts the reply
 * when it is sent back.
 */
final class ToolArguments {
  private ToolArguments() {}

  /** Whether a call's arguments are over the bound. */
  static boolean tooLarge(ToolExecutionRequest call, int max) {
    return call.arguments() != null && call.arguments().length() > max;
  }

  /** What stands in for arguments of {@code length} characters. */
  static String marker(int length, String why) {
    return "{\"arguments_elided\":\"" + length + " characters, " + why + "\"}";
  }

  /**
   * A tool name as events, the audit and messages quote it: a name longer than any tool's ({@link
   * io.agentkeel.tools.spi.ToolDescriptor#MAX_NAME_LENGTH}) is shortened to its start and its
   * length, a form no tool's name has.
   */
  static String quotedName(String name) {
    int max = io.agentkeel.tools.spi.ToolDescriptor.MAX_NAME_LENGTH;
    return name.length() <= max
        ? name
        : name.substring(0, max) + "... (" + name.length() + " characters)";
  }

  /** What the model is told about a call whose arguments were over the bound. */
  static String refusal(String tool, int length, int max) {
    return "arguments too large: "
        + length
        + " characters, at most "
        + max
        + "; tool '"
        + PrintableText.escape(tool)
        + "' did not run. Call it again with smaller arguments, or answer without it.";
  }

  /** The reply with every call's arguments over the bound replaced by a marker. */
  static AiMessage bounded(AiMessage reply, int max) {
    if (!reply.hasToolExecutionRequests()
        || reply.toolExecutionRequests().stream().noneMatch(call -> tooLarge(call, max))) {
      return reply;
    }
    List<ToolExecutionRequest> calls = new ArrayList<>();
    for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
      calls.add(
          tooLarge(call, max)
              ? call.toBuilder()
                  .arguments(marker(call.arguments().length(), "over the limit of " + max))
                  .build()
              : call);
    }
    return reply.toBuilder().toolExecutionRequests(calls).build();
  }
}
