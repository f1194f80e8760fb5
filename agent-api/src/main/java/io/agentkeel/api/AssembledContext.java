package io.agentkeel.api;

import io.agentkeel.api.memory.ChatTurn;
import java.util.List;

/**
 * What the model is shown of a task, besides the instructions and the input: facts, working state
 * and memories in order of value, and the newest session turns, oldest first.
 *
 * @param items facts, working state and memories, in the order to show them
 * @param history the session turns to show, oldest first
 * @param estimatedTokens the estimated tokens of the whole context, instructions and input included
 * @param omitted what was left out to stay within the budget, one short line each
 */
@Experimental
public record AssembledContext(
    List<ContextItem> items, List<ChatTurn> history, int estimatedTokens, List<String> omitted) {

  /** Copies the lists. */
  public AssembledContext {
    items = List.copyOf(items);
    history = List.copyOf(history);
    omitted = List.copyOf(omitted);
  }

  /**
   * Nothing besides instructions and input.
   *
   * @param estimatedTokens their estimated tokens
   * @return the context
   */
  public static AssembledContext bare(int estimatedTokens) {
    return new AssembledContext(List.of(), List.of(), estimatedTokens, List.of());
  }
}
