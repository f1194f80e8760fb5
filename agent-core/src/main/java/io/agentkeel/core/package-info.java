/**
 * The agent loop: wiring, model access through LangChain4j, tool validation and permissions,
 * recovery, fallback models and confidence routing.
 */
package io.agentkeel.core;
