/**
 * The three memory tiers: session (the recent turns of a conversation), working (the state of one
 * task) and long-term (facts retrieved by relevance and recency, never the whole history).
 */
package io.agentkeel.api.memory;
