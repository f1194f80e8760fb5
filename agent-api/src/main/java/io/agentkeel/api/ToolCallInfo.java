package io.agentkeel.api;

import io.agentkeel.tools.spi.SideEffect;
import java.util.Objects;

/**
 * One permitted tool call as an interceptor sees it.
 *
 * @param tool the tool's name
 * @param callId the model's id for the call
 * @param sideEffect what the call may change
 * @param argumentsJson the validated arguments, as JSON, after the output filters
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
