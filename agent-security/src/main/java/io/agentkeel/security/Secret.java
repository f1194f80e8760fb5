package io.agentkeel.security;

import java.util.Objects;

/**
 * A credential loaded by {@link Credentials}. Its {@code toString} never shows the value; only
 * {@link #reveal} does, for the one place that needs it.
 *
 * @param name the secret's name, such as {@code db-password}
 * @param source where it came from, such as {@code env:DB_PASSWORD} (safe to log)
 * @param value the value
 */
public record Secret(String name, String source, String value) {
  /** Checks for nulls. */
  public Secret {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(value, "value");
  }

  /**
   * The value.
   *
   * @return the value
   */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[name=" + name + ", source=" + source + ", value=****]";
  }
}
