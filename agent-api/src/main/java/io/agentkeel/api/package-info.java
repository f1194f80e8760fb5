/**
 * What an application sees of AgentKeel, and what the other modules implement.
 *
 * <ul>
 *   <li>The {@link io.agentkeel.api.Agent}, the {@link io.agentkeel.api.Task} it runs under a
 *       {@link io.agentkeel.api.Workflow}, and the {@link io.agentkeel.api.AgentResult} that ends
 *       every task in exactly one {@link io.agentkeel.api.Outcome}.
 *   <li>The {@link io.agentkeel.api.AgentEvent}s emitted at every decision point.
 *   <li>Human review: {@link io.agentkeel.api.ReviewRequest}, {@link
 *       io.agentkeel.api.ReviewDecision} and the {@link io.agentkeel.api.ReviewQueue}.
 *   <li>The extension points, each with a safe default in core: {@link
 *       io.agentkeel.api.InputGuard}, {@link io.agentkeel.api.OutputFilter}, {@link
 *       io.agentkeel.api.RateLimiter}, {@link io.agentkeel.api.AuditSink}, {@link
 *       io.agentkeel.api.AgentEventListener}, {@link io.agentkeel.api.ConfidenceScorer}, {@link
 *       io.agentkeel.api.OutputValidator}, the memory tiers of {@code io.agentkeel.api.memory}, and
 *       the {@link io.agentkeel.api.AgentExtension} that registers them without Guice.
 * </ul>
 *
 * <p>This package depends on the JDK and the tool SPI alone; it never mentions Guice, LangChain4j
 * or any driver. Implementations of the extension points are called from many tasks at once and
 * must be thread-safe.
 */
package io.agentkeel.api;
