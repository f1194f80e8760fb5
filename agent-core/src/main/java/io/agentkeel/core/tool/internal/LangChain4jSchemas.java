package io.agentkeel.core.tool.internal;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts a generated parameter schema into LangChain4j's schema model without losing a keyword.
 *
 * <p>The root stays a {@link JsonObjectSchema} (LangChain4j requires one) with the description,
 * required list and {@code additionalProperties: false}; every property is a {@link JsonRawSchema}
 * holding the property's whole generated schema, so bounds ({@code minimum}, {@code maximum},
 * {@code minLength}, {@code maxLength}, {@code minItems}, {@code maxItems}), {@code pattern},
 * {@code enum}, {@code default} and nested {@code additionalProperties: false} reach the wire. For
 * providers that drop keywords, each constraint is also folded into the property's description:
 * "How many days back to look. Between 1 and 90, default 30."
 *
 * <p>LangChain4j writes the root's {@code additionalProperties} only for strict tools; the OpenAI
 * client made by {@code ModelSpec} puts it back on the wire.
 */
public final class LangChain4jSchemas {

  private LangChain4jSchemas() {}

  /**
   * Converts an object schema.
   *
   * @param schema a generated object schema
   * @return the LangChain4j equivalent
   */
  public static JsonObjectSchema object(JsonNode schema) {
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
    String description = text(schema, "description");
    if (description != null) {
      builder.description(description);
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      builder.addProperty(
          property.getKey(), JsonRawSchema.from(withFoldedDescriptions(property.getValue())));
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(name -> required.add(name.stringValue()));
    builder.required(required);
    builder.additionalProperties(schema.path("additionalProperties").asBoolean(true));
    return builder.build();
  }

  /**
   * A copy of a property schema whose description, and those of its nested properties and items,
   * also states the constraints in words.
   *
   * @param property a property schema
   * @return the JSON text of the copy
   */
  static String withFoldedDescriptions(JsonNode property) {
    JsonNode copy = property.deepCopy();
    fold(copy);
    return copy.toString();
  }

  private static void fold(JsonNode node) {
    if (!(node instanceof ObjectNode schema)) {
      return;
    }
    String words = constraints(schema);
    if (!words.isEmpty()) {
      String description = text(schema, "description");
      if (description == null || description.isBlank()) {
        schema.put("description", capitalise(words) + ".");
      } else {
        String trimmed = description.strip();
        String separator = trimmed.endsWith(".") ? " " : ". ";
        schema.put("description", trimmed + separator + capitalise(words) + ".");
      }
    }
    schema.path("properties").forEach(LangChain4jSchemas::fold);
    fold(schema.get("items"));
  }

  /**
   * The constraints of one schema in words, such as {@code between 1 and 90, default 30}.
   *
   * @param schema a property schema
   * @return the words; empty when it has no constraint
   */
  static String constraints(JsonNode schema) {
    List<String> parts = new ArrayList<>();
    range(
        parts,
        schema.get("minimum"),
        schema.get("maximum"),
        "between %s and %s",
        "at least %s",
        "at most %s");
    if (schema.has("exclusiveMinimum")) {
      parts.add("more than " + schema.get("exclusiveMinimum"));
    }
    if (schema.has("exclusiveMaximum")) {
      parts.add("less than " + schema.get("exclusiveMaximum"));
    }
    range(
        parts,
        schema.get("minLength"),
        schema.get("maxLength"),
        "%s to %s characters",
        "at least %s characters",
        "at most %s characters");
    range(
        parts,
        schema.get("minItems"),
        schema.get("maxItems"),
        "%s to %s items",
        "at least %s items",
        "at most %s items");
    String pattern = text(schema, "pattern");
    if (pattern != null) {
      parts.add("matching the pattern " + pattern);
    }
    JsonNode value = schema.get("default");
    if (value != null && !value.isNull()) {
      parts.add("default " + (value.isString() ? value.stringValue() : value.toString()));
    }
    return String.join(", ", parts);
  }

  private static void range(
      List<String> parts, JsonNode low, JsonNode high, String both, String least, String most) {
    if (low != null && high != null) {
      parts.add(both.formatted(low, high));
    } else if (low != null) {
      parts.add(least.formatted(low));
    } else if (high != null) {
      parts.add(most.formatted(high));
    }
  }

  private static String capitalise(String words) {
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String text(JsonNode schema, String name) {
    JsonNode node = schema.get(name);
    return node != null && node.isString() ? node.stringValue() : null;
  }
}
