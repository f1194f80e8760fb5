package io.agentkeel.api;

/**
 * What the agent calls on sinks and listeners that buffer: {@link #flush} pushes out what is
 * buffered, {@link #close} flushes and releases resources. {@link Agent#close()} calls both, once,
 * after the last task has ended. Both do nothing by default.
 */
public interface Lifecycle extends AutoCloseable {

  /** Pushes out whatever is buffered. */
  default void flush() {}

  /** Flushes and releases resources; called once. */
  @Override
  default void close() {}
}
