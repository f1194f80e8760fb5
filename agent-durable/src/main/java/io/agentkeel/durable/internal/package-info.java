/**
 * Internals of the durable-execution module. Not API: may change at any time; other modules never
 * import it.
 */
package io.agentkeel.durable.internal;
