package io.agentkeel.api;

import io.agentkeel.tools.spi.SideEffect;
import java.util.Objects;

/**
 * One permitted tool call as an interceptor sees it.
 *
 * @param tool the tool's name
 * @param callId the model's id for the call: text the model chose, with its control characters
 *     escaped; an interceptor that records it elsewhere filters it as it would any model output
 * @param sideEffect what the call may change
 * @param argumentsJson the validated arguments, as JSON, as the tool receives them: not passed
 *     through the output filters (the tool needs the real values), so an interceptor that records
 *     them elsewhere, on a span say, runs the filters over them itself
 */
public record ToolCallInfo(
    String tool, String callId, SideEffect sideEffect, String argumentsJson) {

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public ToolCallInfo {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(sideEffect, "sideEffect");
    Objects.requireNonNull(argumentsJson, "argumentsJson");
  }
}
