package io.agentkeel.tools.spi;

import java.util.List;

/**
 * A plugin's entry point, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.agentkeel.tools.spi.ToolProvider} of the plugin's jar.
 *
 * <p>Implementations have a public no-argument constructor and do no work until asked: {@link
 * #tools(ToolProviderContext)} is called once, when the agent starts, with the plugin's
 * configuration and class loader. Two tools with one name, in one plugin or across plugins, stop
 * the agent from starting with an error that names both.
 *
 * <pre>{@code
 * public final class HelpDeskToolProvider implements ToolProvider {
 *   public String name() { return "help-desk"; }
 *   public String version() { return "1.0.0"; }
 *   public List<Tool<?, ?>> tools(ToolProviderContext context) {
 *     // tools.help-desk.endpoint in the agent's settings, AGENTKEEL_TOOLS_HELP_DESK_ENDPOINT, ...
 *     URI endpoint = URI.create(context.requireSetting("endpoint"));
 *     return AnnotatedTools.of(new HelpDeskTools(new HelpDeskClient(endpoint)));
 *   }
 * }
 * }</pre>
 */
public interface ToolProvider {

  /**
   * The plugin's name, for start-up logs and error messages, such as {@code example-orders}. It is
   * also the middle of its configuration keys: {@code tools.<name>.<key>}.
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
   * The plugin's tools, made with its configuration. {@link AnnotatedTools#of(Object...)} turns
   * objects with {@link AgentTool} methods into tools.
   *
   * @param context the plugin's settings and the class loader that found it; never null
   * @return the tools, in a fixed order
   * @throws IllegalStateException (or another runtime exception) if the plugin cannot make its
   *     tools, such as when a setting it needs is missing; the agent does not start and names the
   *     plugin and its jar
   */
  List<Tool<?, ?>> tools(ToolProviderContext context);
}
