package io.agentkeel.tools.spi;

/**
 * What a tool does to the world beyond returning a result; it decides how carefully the agent must
 * treat a call.
 */
public enum SideEffect {
  /** Reads only: calling it any number of times changes nothing. */
  READ_ONLY,
  /** Creates or changes state that can be corrected afterwards. */
  WRITE,
  /**
   * Deletes, cancels, pays or otherwise changes state that cannot simply be undone. The agent
   * suspends the task until a person confirms each call.
   */
  DESTRUCTIVE
}
