package io.agentkeel.benchmarks.archfixture;

/** Fixture: stands for any class of benchmarks. */
public final class BenchmarkType {}
