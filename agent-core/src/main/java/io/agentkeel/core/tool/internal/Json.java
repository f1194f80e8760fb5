package io.agentkeel.core.tool.internal;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of agent-core; thread-safe once built. */
public final class Json {

  /**
   * Rejects duplicate keys, so {@code {"a":1,"a":2}} is an error rather than a silent choice, and
   * reads numbers with Jackson's fast double parser. Shared by the tool machinery and the loop.
   */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build();

  /**
   * Writes tool results with the naming of tool arguments: property names in snake_case (by {@link
   * Naming#snakeCase}, so {@code ticketId} is {@code ticket_id}; an explicit Jackson name wins) and
   * enum values in lower case ({@code IN_PROGRESS} is {@code in_progress}). A model that echoes a
   * result's names into its next call is then understood.
   */
  public static final JsonMapper RESULT_MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(
              new PropertyNamingStrategies.NamingBase() {
                private static final long serialVersionUID = 1L;

                @Override
                public String translate(String propertyName) {
                  return Naming.snakeCase(propertyName);
                }
              })
          .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
          .build();

  /**
   * Reads a tool's arguments (and the text of a default) with {@link #MAPPER}, but a number with a
   * fraction or an exponent as the decimal it is written as, not the nearest double: a BigDecimal
   * argument such as an amount of money then gets every digit the model sent.
   */
  public static final ObjectReader ARGUMENTS =
      MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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
