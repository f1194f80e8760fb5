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
   * @param parameterType the parameter record, which must be the descriptor's
   * @param descriptor the descriptor
   * @param function the job
   * @throws IllegalArgumentException if the descriptor declares another parameter record
   */
  public FunctionTool(
      Class<P> parameterType, ToolDescriptor descriptor, ToolFunction<P, R> function) {
    Objects.requireNonNull(parameterType, "parameterType");
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.function = Objects.requireNonNull(function, "function");
    if (descriptor.parameterType() != parameterType) {
      throw new IllegalArgumentException(
          "tool '"
              + descriptor.name()
              + "' is made for parameter record "
              + parameterType.getName()
              + " but its descriptor declares "
              + descriptor.parameterType().getName()
              + "; pass the same record to Tool.of and to ToolDescriptor.Builder.parameters");
    }
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
