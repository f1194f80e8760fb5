package io.agentkeel.api;

import java.util.Objects;

/**
 * One piece of what the model is shown besides instructions, history and input.
 *
 * @param kind what it is
 * @param text the text shown
 * @param origin where it comes from: the attribute's or state key's name, or the memory's id
 */
@Experimental
public record ContextItem(Kind kind, String text, String origin) {

  /** What a context item is, in the order of value in which a context is filled. */
  public enum Kind {
    /** A fact of the task (a task attribute). */
    FACT,
    /** A value of the task's working state. */
    WORKING_STATE,
    /** A recalled long-term memory; untrusted, guarded as {@link TextSource#RECALLED_MEMORY}. */
    MEMORY
  }

  /**
   * Checks for nulls.
   *
   * @throws NullPointerException if a component is null
   */
  public ContextItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(origin, "origin");
  }
}
