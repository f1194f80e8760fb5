package io.agentkeel.api;

/**
 * A module that adds to the agent, such as memory, security or observability. Installed explicitly,
 * or found with {@link java.util.ServiceLoader} when listed in {@code
 * META-INF/services/io.agentkeel.api.AgentExtension}.
 *
 * <p>Implementations have a public no-argument constructor and do no work until {@link #configure}
 * is called, once, at start-up.
 */
public interface AgentExtension {

  /**
   * The extension's name, for start-up logs and error messages.
   *
   * @return the name
   */
  String name();

  /**
   * Registers the extension's implementations.
   *
   * @param binder where to register them
   */
  void configure(ExtensionBinder binder);
}
