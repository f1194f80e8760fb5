package io.agentkeel.tools.spi;

/**
 * A tool the agent can call: one job, described by a {@link ToolDescriptor}, taking its arguments
 * as a record of type {@code P}.
 *
 * <p>The agent validates the model's arguments against the schema of {@code P} before calling
 * {@link #invoke}, so a tool never sees a missing or malformed argument. Implementations must be
 * thread-safe: calls from many tasks may run at once.
 *
 * @param <P> the parameter record
 * @param <R> the result type; any value that serialises to JSON, or a {@code String}
 */
public interface Tool<P extends Record, R> {

  /**
   * Describes this tool. Called once when the tool is registered; the result must not change.
   *
   * @return the descriptor, whose parameter type is {@code P}; the agent refuses to register a tool
   *     whose class declares another record for {@code P}
   */
  ToolDescriptor descriptor();

  /**
   * Does the tool's job.
   *
   * @param parameters the validated arguments; never null
   * @param context the task and principal the call serves, and its deadline
   * @return the result shown to the model; never null (throw instead)
   * @throws ToolException when the job cannot be done, saying what failed and whether a retry can
   *     help
   */
  R invoke(P parameters, ToolContext context) throws ToolException;

  /**
   * Makes a tool from its parameter record, a descriptor and a function, for tools small enough to
   * write as a lambda.
   *
   * <p>The record class comes first so that the lambda's parameter has its type even where the call
   * is an argument of a generic method, such as inside {@code List.of(...)}:
   *
   * <pre>{@code
   * List<Tool<?, ?>> tools =
   *     List.of(Tool.of(SearchOrders.class, descriptor, (p, context) -> store.search(p.customerId())));
   * }</pre>
   *
   * @param parameterType the parameter record, which must be the descriptor's {@link
   *     ToolDescriptor#parameterType()}
   * @param descriptor the descriptor
   * @param function the job
   * @param <P> the parameter record
   * @param <R> the result type
   * @return the tool
   * @throws IllegalArgumentException if the descriptor declares another parameter record; the
   *     message names both
   * @throws NullPointerException if an argument is null
   */
  static <P extends Record, R> Tool<P, R> of(
      Class<P> parameterType, ToolDescriptor descriptor, ToolFunction<P, R> function) {
    return new io.agentkeel.tools.spi.internal.FunctionTool<>(parameterType, descriptor, function);
  }

  /**
   * The job of a tool made with {@link Tool#of}.
   *
   * @param <P> the parameter record
   * @param <R> the result type
   */
  @FunctionalInterface
  interface ToolFunction<P extends Record, R> {
    /**
     * Does the job.
     *
     * @param parameters the validated arguments
     * @param context the call's context
     * @return the result
     * @throws ToolException when the job cannot be done
     */
    R apply(P parameters, ToolContext context) throws ToolException;
  }
}
