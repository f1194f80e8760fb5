/**
 * What an application sees of AgentKeel: the {@link io.agentkeel.api.Agent}, the {@link
 * io.agentkeel.api.Task} it runs, and the {@link io.agentkeel.api.AgentResult} that ends every task
 * in exactly one {@link io.agentkeel.api.Outcome}.
 *
 * <p>This package and its sub-packages depend on the JDK and the tool SPI alone; they never mention
 * Guice, LangChain4j or any driver.
 */
package io.agentkeel.api;
