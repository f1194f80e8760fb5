package io.agentkeel.api;

/**
 * Where an {@link AgentExtension} registers its implementations of the extension points, without
 * knowing how the agent is wired.
 *
 * <p>Some points take many implementations, all of which run: {@link InputGuard}, {@link
 * OutputFilter}, {@link OutputValidator}, {@link AgentEventListener}, {@link AuditSink}, {@link
 * ModelCallInterceptor}, {@link ToolCallInterceptor}, {@link ModelBoundary} and {@link WriteBack};
 * use {@code add}. The others take one, which replaces core's default: {@link RateLimiter}, {@link
 * ConfidenceScorer}, {@link ContextAssembler}, {@link io.agentkeel.api.ReviewQueue}, {@link
 * TaskJournal}, {@link io.agentkeel.api.memory.SessionMemory}, {@link
 * io.agentkeel.api.memory.WorkingMemory} and {@link io.agentkeel.api.memory.LongTermMemory}; use
 * {@code use}. Mixing them up, or two extensions {@code use}-ing the same point, fails at start-up
 * with a message that names both.
 *
 * <p>A class given here is created by the agent: it needs a public constructor annotated with
 * {@code jakarta.inject.Inject} (or a public no-argument one), whose parameters are extension
 * points or other classes registered by the same extension.
 */
public interface ExtensionBinder {

  /**
   * Adds an implementation of a many-valued point, created by the agent.
   *
   * @param point the extension point
   * @param implementation the class to create
   * @param <T> the point's type
   * @return this binder
   * @throws IllegalArgumentException if {@code point} takes a single implementation
   * @throws NullPointerException if an argument is null, naming the point
   */
  <T> ExtensionBinder add(Class<T> point, Class<? extends T> implementation);

  /**
   * Adds an instance to a many-valued point.
   *
   * @param point the extension point
   * @param instance the implementation
   * @param <T> the point's type
   * @return this binder
   * @throws IllegalArgumentException if {@code point} takes a single implementation
   * @throws NullPointerException if an argument is null, naming the point
   */
  <T> ExtensionBinder add(Class<T> point, T instance);

  /**
   * Replaces core's default of a single-valued point with a class the agent creates.
   *
   * @param point the extension point
   * @param implementation the class to create
   * @param <T> the point's type
   * @return this binder
   * @throws IllegalArgumentException if {@code point} takes many implementations
   * @throws NullPointerException if an argument is null, naming the point
   */
  <T> ExtensionBinder use(Class<T> point, Class<? extends T> implementation);

  /**
   * Replaces core's default of a single-valued point with an instance.
   *
   * @param point the extension point
   * @param instance the implementation
   * @param <T> the point's type
   * @return this binder
   * @throws IllegalArgumentException if {@code point} takes many implementations
   * @throws NullPointerException if an argument is null, naming the point
   */
  <T> ExtensionBinder use(Class<T> point, T instance);

  /**
   * Offers a tool to the model, like a plugin's tool: it passes the same registration checks and
   * the same permission checks on every call.
   *
   * @param tool the tool
   * @return this binder
   * @throws NullPointerException if {@code tool} is null
   */
  ExtensionBinder tool(io.agentkeel.tools.spi.Tool<?, ?> tool);

  /**
   * The agent's configuration, for the extension to read its own settings.
   *
   * @return the configuration
   */
  Configuration configuration();
}
