/**
 * The tool SPI: everything a plugin author needs to give an agent a tool, and nothing more.
 *
 * <p>A tool does one job. Declare it either as a method annotated with {@link
 * io.agentkeel.tools.spi.AgentTool} whose single parameter is a record, or as an implementation of
 * {@link io.agentkeel.tools.spi.Tool} over a parameter record. Describe every parameter with {@link
 * io.agentkeel.tools.spi.Param}, say <em>when</em> the agent should pick the tool, name the
 * permission scopes it needs and its {@link io.agentkeel.tools.spi.SideEffect}. Ship tools in a jar
 * with a {@link io.agentkeel.tools.spi.ToolProvider} registered for {@link
 * java.util.ServiceLoader}.
 *
 * <p>Tools fail loudly: when something is wrong, throw a {@link
 * io.agentkeel.tools.spi.ToolException} that tells the model what failed and whether trying again
 * can help. Never return an empty or made-up result in place of an error.
 *
 * <p>This package depends on the JDK alone.
 */
package io.agentkeel.tools.spi;
