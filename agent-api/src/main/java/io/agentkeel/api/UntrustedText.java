package io.agentkeel.api;

import java.util.Objects;

/**
 * A text that the model will read but nobody vouches for, marked with where it came from.
 *
 * @param text the text
 * @param source where it came from
 * @param origin which one: the tool's name for a tool result, the memory's id for a recalled
 *     memory, {@code "input"} for user input
 */
public record UntrustedText(String text, TextSource source, String origin) {

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public UntrustedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * The task's input.
   *
   * @param text the input
   * @return the untrusted text
   */
  public static UntrustedText userInput(String text) {
    return new UntrustedText(text, TextSource.USER_INPUT, "input");
  }

  /**
   * A tool's result.
   *
   * @param tool the tool's name
   * @param text the result as the model would read it
   * @return the untrusted text
   */
  public static UntrustedText toolResult(String tool, String text) {
    return new UntrustedText(text, TextSource.TOOL_RESULT, tool);
  }

  /**
   * A recalled memory.
   *
   * @param memoryId the memory's id
   * @param text the memory's text
   * @return the untrusted text
   */
  public static UntrustedText recalledMemory(String memoryId, String text) {
    return new UntrustedText(text, TextSource.RECALLED_MEMORY, memoryId);
  }

  /**
   * The same source and origin with another text, as a guard that rewrites returns it.
   *
   * @param rewritten the new text
   * @return the copy
   */
  public UntrustedText withText(String rewritten) {
    return new UntrustedText(rewritten, source, origin);
  }
}
