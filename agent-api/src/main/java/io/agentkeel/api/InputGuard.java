package io.agentkeel.api;

/**
 * Inspects untrusted text before the model reads it: user input, tool results and recalled
 * memories, each marked with its {@link TextSource}. A guard sanitises what it can and decides what
 * must not pass, such as prompt injection. Guards run in a fixed order, each on the text the
 * previous one let through.
 *
 * <p>What a verdict does depends on the source: a {@link GuardVerdict.Block} of user input ends the
 * task as {@link Outcome.Refused}; of a tool result, the model is told the tool failed; of a
 * recalled memory, the memory is left out. A {@link GuardVerdict.Review} of user input sends the
 * task to a person before the model runs; of anything else, it is treated as a block and the final
 * answer goes to review.
 *
 * <p>Called on the task's thread within its time budget; a guard that throws or runs out of time is
 * treated as a block (fail closed). Implementations must be thread-safe.
 */
public interface InputGuard {

  /**
   * The guard's name, reported in {@link Outcome.Refused} and events.
   *
   * @return the name
   */
  String name();

  /**
   * Decides on one untrusted text.
   *
   * @param text the text so far (after earlier guards), with its source
   * @param context the run it belongs to
   * @return the verdict
   */
  GuardVerdict inspect(UntrustedText text, RunContext context);

  /**
   * A guard that lets everything through unchanged.
   *
   * @return the guard
   */
  static InputGuard allowAll() {
    return new InputGuard() {
      @Override
      public String name() {
        return "allow-all";
      }

      @Override
      public GuardVerdict inspect(UntrustedText text, RunContext context) {
        return GuardVerdict.allow(text.text());
      }
    };
  }
}
