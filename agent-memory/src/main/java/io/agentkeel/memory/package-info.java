/**
 * AgentKeel memory: the session tier (Caffeine in-process, Redis shared), the working tier and the
 * review queue on JDBC (an embedded H2 file, or PostgreSQL), the long-term tier (a persistent
 * Lucene index with hybrid dense and BM25 retrieval and a bounded recency boost, or any LangChain4j
 * embedding store), context assembly under a token budget, the memory tools offered to the model,
 * and {@link io.agentkeel.memory.MemoryExtension}, which wires them from configuration.
 *
 * <p>The database schema is created on first use; its DDL, for DBAs who prefer to create it
 * themselves, is published in this jar under {@code io/agentkeel/memory/schema/}.
 */
package io.agentkeel.memory;
