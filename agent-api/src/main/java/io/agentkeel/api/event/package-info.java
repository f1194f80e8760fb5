/**
 * The events an agent emits at every decision point. They feed the decision log, metrics, tracing
 * and the audit log; {@link io.agentkeel.api.AgentResult#trace()} holds a task's events in order.
 */
package io.agentkeel.api.event;
