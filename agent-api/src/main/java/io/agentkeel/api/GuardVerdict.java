package io.agentkeel.api;

import java.util.Objects;

/** An input guard's decision: let the (possibly cleaned) input through, or block the task. */
public sealed interface GuardVerdict {

  /**
   * Let the task go on with this input.
   *
   * @param input the input to use from here on, after any sanitisation
   */
  record Allow(String input) implements GuardVerdict {
    /** Checks for null. */
    public Allow {
      Objects.requireNonNull(input, "input");
    }
  }

  /**
   * Stop the task; it ends as refused.
   *
   * @param reason why, in words safe to show the user and to log
   */
  record Block(String reason) implements GuardVerdict {
    /** Checks for null. */
    public Block {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Lets an input through unchanged.
   *
   * @param input the input
   * @return an allow verdict
   */
  static GuardVerdict allow(String input) {
    return new Allow(input);
  }

  /**
   * Blocks the task.
   *
   * @param reason why
   * @return a block verdict
   */
  static GuardVerdict block(String reason) {
    return new Block(reason);
  }
}
