package io.agentkeel.api;

import java.util.Objects;

/**
 * What a tool returned, rendered as the model will read it (before truncation and guarding).
 *
 * @param text the rendered result
 */
public record ToolCallResult(String text) {

  /** Checks for null. */
  public ToolCallResult {
    Objects.requireNonNull(text, "text");
  }
}
