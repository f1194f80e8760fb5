package io.agentkeel.api;

import java.util.Objects;

/**
 * One operation that asks a {@link RateLimiter} for admission.
 *
 * @param kind what is counted
 * @param name what exactly: the workflow for a task, the model's name for a model call, the tool's
 *     name for a tool call
 * @param cost how much it costs: 1 for tasks and tool calls, the estimated tokens of a model call
 */
public record RateLimitRequest(RateLimitKind kind, String name, long cost) {

  /**
   * Validates the request.
   *
   * @throws IllegalArgumentException if the cost is negative
   */
  public RateLimitRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (cost < 0) {
      throw new IllegalArgumentException("a rate-limit cost must not be negative, got " + cost);
    }
  }

  /**
   * A task.
   *
   * @param workflow the task's workflow
   * @return the request, cost 1
   */
  public static RateLimitRequest task(String workflow) {
    return new RateLimitRequest(RateLimitKind.TASK, workflow, 1);
  }

  /**
   * A model call.
   *
   * @param model the model's name
   * @param estimatedTokens the tokens it is expected to cost
   * @return the request
   */
  public static RateLimitRequest modelCall(String model, long estimatedTokens) {
    return new RateLimitRequest(RateLimitKind.MODEL_CALL, model, estimatedTokens);
  }

  /**
   * A tool call.
   *
   * @param tool the tool's name
   * @return the request, cost 1
   */
  public static RateLimitRequest toolCall(String tool) {
    return new RateLimitRequest(RateLimitKind.TOOL_CALL, tool, 1);
  }
}
