package io.agentkeel.memory.internal;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import java.util.List;
import java.util.Optional;

/**
 * The run a memory tool call serves, set on the task's thread by {@code MemoryToolScope} around
 * each tool call: the tools' {@code ToolContext} names the principal but not its tenant, and a
 * memory write must pass the agent's output filters, which need the run.
 */
public final class CurrentRun {

  /**
   * A run and the output filters that clean what memory keeps.
   *
   * @param context the run
   * @param filters the agent's output filters, in order
   */
  public record Scope(RunContext context, List<OutputFilter> filters) {

    /**
     * Passes a text through every filter on the {@link OutputChannel#MEMORY_WRITE} channel.
     *
     * @param text the text
     * @return the filtered text
     * @throws RuntimeException what a filter threw; the caller fails closed
     */
    public String filterMemoryWrite(String text) {
      String filtered = text;
      for (OutputFilter filter : filters) {
        filtered = filter.filter(filtered, OutputChannel.MEMORY_WRITE, context);
      }
      return filtered;
    }
  }

  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private CurrentRun() {}

  /**
   * The scope of the tool call running on this thread.
   *
   * @return the scope, if a memory tool scope is open
   */
  public static Optional<Scope> get() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * Opens a scope for this thread; returns the one it replaces, to restore.
   *
   * @param scope the scope
   * @return the previous scope, or null
   */
  public static Scope open(Scope scope) {
    Scope previous = CURRENT.get();
    CURRENT.set(scope);
    return previous;
  }

  /**
   * Restores the scope an {@link #open} replaced.
   *
   * @param previous what {@link #open} returned
   */
  public static void restore(Scope previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
