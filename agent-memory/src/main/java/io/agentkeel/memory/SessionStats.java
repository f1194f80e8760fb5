package io.agentkeel.memory;

/**
 * Counters of an in-process session tier since it was created.
 *
 * @param hits reads that found their session
 * @param misses reads of an unknown (or expired) session
 * @param evictions sessions dropped by expiry or size
 * @param sessions sessions held now (an estimate)
 */
public record SessionStats(long hits, long misses, long evictions, long sessions) {}
