package io.agentkeel.api.memory;

import java.util.Objects;

/**
 * A working-memory value with the version it was written at.
 *
 * @param value the value
 * @param version its version: 1 for the first write, one more for each later write
 */
public record VersionedValue(String value, long version) {

  /**
   * Validates the value.
   *
   * @throws IllegalArgumentException if the version is not positive
   */
  public VersionedValue {
    Objects.requireNonNull(value, "value");
    if (version < 1) {
      throw new IllegalArgumentException("a version starts at 1, got " + version);
    }
  }
}
