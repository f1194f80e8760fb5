/**
 * Durable execution: task journals on an embedded H2 file or on PostgreSQL, which let {@link
 * io.agentkeel.api.Agent#recover()} continue a task after its process died. Bind one with {@code
 * AgentKeel.builder().taskJournal(JdbcTaskJournal.embedded(dataDirectory))}.
 */
package io.agentkeel.durable;
