package io.agentkeel.observability;

/** A user's verdict on a task's result. */
public enum Rating {
  /** Thumbs up: the result helped. */
  UP,
  /** Thumbs down: it did not. */
  DOWN;

  /**
   * The rating's name in metrics and the decision log.
   *
   * @return {@code up} or {@code down}
   */
  public String tag() {
    return this == UP ? "up" : "down";
  }
}
