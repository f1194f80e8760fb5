/**
 * AgentKeel memory: an implementation of the agent-api extension points. Filled by its own issue.
 */
package io.agentkeel.memory;
