package io.agentkeel.tools.spi;

import java.util.Objects;

/**
 * One problem with the arguments of a tool call: where it is, what was expected, and what came.
 *
 * @param path the JSON path of the argument, such as {@code $.date_range_days}
 * @param expected what a valid value looks like, such as {@code an integer at most 365}
 * @param actual what the call held, such as {@code 400}, or {@code nothing} when it was missing
 */
public record ArgumentViolation(String path, String expected, String actual) {

  /**
   * Checks that no component is null.
   *
   * @throws NullPointerException if one is
   */
  public ArgumentViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
  }

  /**
   * Renders the violation as one line for the model.
   *
   * @return e.g. {@code $.date_range_days: expected an integer at most 365, got 400}
   */
  @Override
  public String toString() {
    return path + ": expected " + expected + ", got " + actual;
  }
}
