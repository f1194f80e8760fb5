package io.agentkeel.api;

/**
 * Chooses what the model sees of a task within a token budget: task facts, working state, the few
 * long-term memories most relevant, and the newest session turns, never the whole history. Core's
 * default shows facts, state, recalled memories and recent turns in that order until the budget is
 * spent; the memory module's assembler ranks and trims them.
 *
 * <p>Called once per run on the task's thread within its time budget; one that throws or runs out
 * of time leaves the model with instructions and input alone. Recalled memories it returns are
 * guarded as untrusted before the model reads them.
 */
@Experimental
public interface ContextAssembler {

  /**
   * Assembles a context.
   *
   * @param request the instructions, input, budget and token estimator
   * @param context the run
   * @return what to show; its estimate must not exceed {@code request.tokenBudget()}
   */
  AssembledContext assemble(ContextRequest request, RunContext context);
}
