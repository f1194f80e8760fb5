/**
 * Implementation of AgentKeel observability. Not API: it may change at any time, and other modules
 * must not use it.
 */
package io.agentkeel.observability.internal;
