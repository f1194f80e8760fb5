package io.agentkeel.core.tool.internal;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper the tool machinery shares; thread-safe once built. */
public final class Json {

  /** Rejects duplicate keys, so {@code {"a":1,"a":2}} is an error rather than a silent choice. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final int MAX_SHOWN = 80;

  private Json() {}

  /**
   * Renders a value briefly for a message to the model: its JSON, cut to a readable length.
   *
   * @param node the value, or null for none
   * @return e.g. {@code "abc"}, {@code 400} or {@code nothing}
   */
  public static String brief(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
  }
}
