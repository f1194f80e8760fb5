package io.agentkeel.api;

/**
 * A module that adds to the agent, such as memory, security or observability. Installed explicitly,
 * or found with {@link java.util.ServiceLoader} when listed in {@code
 * META-INF/services/io.agentkeel.api.AgentExtension}.
 *
 * <p>Implementations have a public no-argument constructor and do no work until {@link #configure}
 * is called, once, at start-up. Extensions are configured in ascending {@link #order()}, then by
 * name; the implementations they add to a many-valued point run in that order.
 */
public interface AgentExtension {

  /**
   * The extension's name, for start-up logs and error messages.
   *
   * @return the name
   */
  String name();

  /**
   * Where the extension runs among others: lower first. Security guards and filters should run
   * before everything that reads what they clean, so security uses a low order.
   *
   * @return the order; 0 by default
   */
  default int order() {
    return 0;
  }

  /**
   * Registers the extension's implementations.
   *
   * @param binder where to register them, with the agent's configuration
   */
  void configure(ExtensionBinder binder);
}
