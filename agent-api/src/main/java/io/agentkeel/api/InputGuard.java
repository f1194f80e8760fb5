package io.agentkeel.api;

/**
 * Inspects user-provided input before the model sees it: sanitises it and blocks what must not
 * pass, such as prompt injection. Guards run in a fixed order, each on the previous one's output.
 */
public interface InputGuard {

  /**
   * The guard's name, reported in {@link io.agentkeel.api.Outcome.Refused} and events.
   *
   * @return the name
   */
  String name();

  /**
   * Decides on an input.
   *
   * @param input the input so far (after earlier guards)
   * @param task the task it belongs to
   * @return allow with the input to use, or block with the reason
   */
  GuardVerdict inspect(String input, Task task);
}
