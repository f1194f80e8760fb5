package io.agentkeel.core.tool.internal;

import io.agentkeel.tools.spi.ArgumentViolation;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns one validated JSON value into the Java value of a parameter component, and back. Instances
 * are immutable and thread-safe.
 */
public interface ValueBinder {

  /**
   * Binds a JSON value.
   *
   * @param node the value; not null and not JSON null
   * @param path the JSON path of the value, for violations
   * @param violations where problems are added
   * @return the Java value, or null when a violation was added
   */
  Object bind(JsonNode node, String path, List<ArgumentViolation> violations);

  /**
   * Renders a bound Java value as JSON, the inverse of {@link #bind}.
   *
   * @param value a value this binder produced
   * @return its JSON form
   */
  JsonNode toJson(Object value);
}
