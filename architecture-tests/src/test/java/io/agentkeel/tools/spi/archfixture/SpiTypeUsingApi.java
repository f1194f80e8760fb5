package io.agentkeel.tools.spi.archfixture;

import io.agentkeel.api.Task;

/** Fixture that breaks rule 1: the SPI depends on the API, which sits above it. */
public final class SpiTypeUsingApi {
  private final Task task;

  SpiTypeUsingApi(Task task) {
    this.task = task;
  }

  Task task() {
    return task;
  }
}
