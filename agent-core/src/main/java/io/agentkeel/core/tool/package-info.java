/**
 * Tools as the agent sees them: the {@link io.agentkeel.core.tool.ToolCatalog} that loads tools
 * from explicit registration and {@link java.util.ServiceLoader} plugins, the {@link
 * io.agentkeel.core.tool.RegisteredTool} that carries a tool's cached JSON schema and validates and
 * binds the model's arguments, and the {@link io.agentkeel.core.tool.ToolDesignLint} that reports
 * tools the model will find hard to choose or call.
 */
package io.agentkeel.core.tool;
