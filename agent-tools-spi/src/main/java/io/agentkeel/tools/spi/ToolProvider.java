package io.agentkeel.tools.spi;

import java.util.List;

/**
 * A plugin's entry point, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.agentkeel.tools.spi.ToolProvider} of the plugin's jar.
 *
 * <p>Implementations have a public no-argument constructor and do no work until asked: {@link
 * #tools()} is called once, when the agent starts. Two tools with one name, in one plugin or across
 * plugins, stop the agent from starting with an error that names both.
 */
public interface ToolProvider {

  /**
   * The plugin's name, for start-up logs and error messages, such as {@code example-orders}.
   *
   * @return the name; not blank
   */
  String name();

  /**
   * The plugin's version, for start-up logs.
   *
   * @return the version, such as {@code 1.2.0}
   */
  String version();

  /**
   * The plugin's tools. {@link AnnotatedTools#of(Object...)} turns objects with {@link AgentTool}
   * methods into tools.
   *
   * @return the tools, in a fixed order
   */
  List<Tool<?, ?>> tools();
}
