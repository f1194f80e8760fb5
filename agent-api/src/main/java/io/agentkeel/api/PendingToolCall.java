package io.agentkeel.api;

import java.util.Objects;

/**
 * A destructive tool call that waits for a person's confirmation.
 *
 * @param tool the tool's name
 * @param argumentsJson the validated arguments, as JSON
 * @param scopes the scopes the call needs, all granted to the principal
 */
public record PendingToolCall(String tool, String argumentsJson, java.util.List<String> scopes) {

  /**
   * Checks for nulls and copies the scopes.
   *
   * @throws NullPointerException if a component is null
   */
  public PendingToolCall {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(argumentsJson, "argumentsJson");
    scopes = java.util.List.copyOf(scopes);
  }
}
