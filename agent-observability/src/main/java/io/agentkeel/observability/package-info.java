/**
 * AgentKeel observability: a structured decision log, Micrometer metrics, OpenTelemetry GenAI
 * traces, user feedback and reports. Install {@link
 * io.agentkeel.observability.ObservabilityExtension} (found by {@link java.util.ServiceLoader}) or
 * build an {@link io.agentkeel.observability.Observability} yourself.
 */
package io.agentkeel.observability;
