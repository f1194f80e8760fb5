/**
 * The extension points of the loop. Core ships a safe default for each: no guard, no filter, no
 * limit, a bounded in-memory review queue, the default confidence scorer. Modules such as
 * agent-security contribute implementations through an {@link
 * io.agentkeel.api.extension.AgentExtension} without depending on Guice.
 *
 * <p>Implementations are called from many tasks at once and must be thread-safe.
 */
package io.agentkeel.api.extension;
