package io.agentkeel.core.archfixture;

import io.agentkeel.benchmarks.archfixture.BenchmarkType;

/** Fixture that breaks rule 3: core depends on benchmarks. */
public final class CoreUsingBenchmarks {
  private final BenchmarkType target = new BenchmarkType();

  BenchmarkType target() {
    return target;
  }
}
