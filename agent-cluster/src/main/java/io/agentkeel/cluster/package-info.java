/**
 * Distributed intake: tasks on a durable queue of an existing engine (RabbitMQ), consumed by
 * several agent instances with bounded concurrency each; an instance that dies loses its
 * unacknowledged deliveries to the others, which continue the tasks from the task journal.
 */
package io.agentkeel.cluster;
