package io.agentkeel.core.tool.internal;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Converts a generated parameter schema into LangChain4j's schema model. Types, descriptions,
 * enums, required lists and additionalProperties carry over; bounds and defaults have no place in
 * that model and are enforced by the validator instead.
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
      builder.addProperty(property.getKey(), element(property.getValue()));
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(name -> required.add(name.stringValue()));
    builder.required(required);
    builder.additionalProperties(schema.path("additionalProperties").asBoolean(true));
    return builder.build();
  }

  private static JsonSchemaElement element(JsonNode schema) {
    String description = text(schema, "description");
    if (schema.has("enum") && allStrings(schema.get("enum"))) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add(v.stringValue()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    String type = text(schema, "type");
    if (type == null) {
      return JsonRawSchema.from(schema.toString());
    }
    return switch (type) {
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" ->
          JsonArraySchema.builder()
              .description(description)
              .items(
                  schema.has("items")
                      ? element(schema.get("items"))
                      : JsonStringSchema.builder().build())
              .build();
      case "object" -> object(schema);
      default -> JsonRawSchema.from(schema.toString());
    };
  }

  private static boolean allStrings(JsonNode values) {
    for (JsonNode value : values) {
      if (!value.isString()) {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonNode schema, String name) {
    JsonNode node = schema.get(name);
    return node != null && node.isString() ? node.stringValue() : null;
  }
}
