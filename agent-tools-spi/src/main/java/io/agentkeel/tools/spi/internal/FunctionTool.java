package io.agentkeel.tools.spi.internal;

import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolContext;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.util.Objects;

/**
 * A tool made of a descriptor and a function.
 *
 * @param <P> the parameter record
 * @param <R> the result type
 */
public final class FunctionTool<P extends Record, R> implements Tool<P, R> {
  private final ToolDescriptor descriptor;
  private final ToolFunction<P, R> function;

  /**
   * Creates the tool.
   *
   * @param descriptor the descriptor
   * @param function the job
   */
  public FunctionTool(ToolDescriptor descriptor, ToolFunction<P, R> function) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.function = Objects.requireNonNull(function, "function");
  }

  @Override
  public ToolDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public R invoke(P parameters, ToolContext context) throws ToolException {
    return function.apply(parameters, context);
  }

  @Override
  public String toString() {
    return "Tool[" + descriptor.name() + "]";
  }
}
