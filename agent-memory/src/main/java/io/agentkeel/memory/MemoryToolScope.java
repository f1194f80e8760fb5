package io.agentkeel.memory;

import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.Proceed;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolCallInfo;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.ToolCallResult;
import io.agentkeel.memory.internal.CurrentRun;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Gives the memory tools the run they serve: around each call of {@code remember_fact} or {@code
 * recall_memories} it makes the run (for the owner's tenant) and the agent's output filters (for
 * {@link io.agentkeel.api.OutputChannel#MEMORY_WRITE}) available on the task's thread, where core
 * runs the tool. Other calls pass through untouched. Registered by {@link MemoryExtension}; an
 * application wiring the tools by hand registers it too.
 */
public final class MemoryToolScope implements ToolCallInterceptor {

  private final List<OutputFilter> filters;

  /**
   * Creates the scope with the agent's output filters, in the order they run.
   *
   * @param filters the output filters
   */
  @Inject
  public MemoryToolScope(Set<OutputFilter> filters) {
    this.filters = List.copyOf(filters);
  }

  @Override
  public ToolCallResult intercept(
      ToolCallInfo call, RunContext context, Proceed<ToolCallResult> next) throws Exception {
    if (!MemoryTools.NAMES.contains(call.tool())) {
      return next.proceed();
    }
    CurrentRun.Scope previous = CurrentRun.open(new CurrentRun.Scope(context, filters));
    try {
      return next.proceed();
    } finally {
      CurrentRun.restore(previous);
    }
  }
}
