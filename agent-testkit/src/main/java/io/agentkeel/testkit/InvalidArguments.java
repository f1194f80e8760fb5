package io.agentkeel.testkit;

import io.agentkeel.core.tool.RegisteredTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives invalid arguments for any tool from its parameter schema: a required argument left out,
 * each argument of the wrong type, each bound overstepped, and an argument the tool does not have.
 * Each must be rejected with a {@link io.agentkeel.tools.spi.ToolException} naming the field.
 */
public final class InvalidArguments {

  /** The name of the argument added to check that unknown arguments are rejected. */
  public static final String UNKNOWN_ARGUMENT = "argument_that_does_not_exist";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private InvalidArguments() {}

  /**
   * One invalid argument object.
   *
   * @param mutation what was broken, such as {@code wrong type}
   * @param field the JSON name of the argument at fault, which the rejection must name
   * @param json the argument object
   */
  public record Case(String mutation, String field, String json) {

    @Override
    public String toString() {
      return mutation + " of '" + field + "': " + json;
    }
  }

  /**
   * Derives the invalid argument objects of a tool.
   *
   * @param tool the tool
   * @return at least one case (the unknown argument); more for every parameter
   */
  public static List<Case> of(RegisteredTool tool) {
    ObjectNode schema = (ObjectNode) JSON.readTree(tool.parameterSchemaJson());
    ObjectNode base = sample(schema);
    List<Case> cases = new ArrayList<>();
    for (JsonNode required : schema.path("required")) {
      String name = required.asString();
      cases.add(
          new Case("missing required argument", name, base.deepCopy().without(name).toString()));
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String name = property.getKey();
      JsonNode propertySchema = property.getValue();
      ObjectNode wrong = base.deepCopy();
      wrong.set(name, wrongType(propertySchema));
      cases.add(new Case("wrong type", name, wrong.toString()));
      JsonNode outOfRange = outOfRange(propertySchema);
      if (outOfRange != null) {
        ObjectNode broken = base.deepCopy();
        broken.set(name, outOfRange);
        cases.add(new Case("value out of range", name, broken.toString()));
      }
    }
    ObjectNode extra = base.deepCopy();
    extra.put(UNKNOWN_ARGUMENT, 1);
    cases.add(new Case("unknown argument", UNKNOWN_ARGUMENT, extra.toString()));
    return List.copyOf(cases);
  }

  /**
   * A plausible argument object holding every required argument, made from the schema alone. It is
   * valid unless a pattern or format constrains a string beyond what the schema lets one guess.
   *
   * @param tool the tool
   * @return the argument object as JSON
   */
  public static String sample(RegisteredTool tool) {
    return sample((ObjectNode) JSON.readTree(tool.parameterSchemaJson())).toString();
  }

  private static ObjectNode sample(JsonNode objectSchema) {
    ObjectNode node = NODES.objectNode();
    for (JsonNode required : objectSchema.path("required")) {
      String name = required.asString();
      node.set(name, sampleValue(objectSchema.path("properties").path(name)));
    }
    return node;
  }

  private static JsonNode sampleValue(JsonNode schema) {
    if (schema.has("default")) {
      return schema.get("default");
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0);
    }
    switch (schema.path("type").asString("")) {
      case "integer", "number" -> {
        long low = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
        return NODES.numberNode(Math.max(low, Math.min(1, schema.path("maximum").asLong(1))));
      }
      case "boolean" -> {
        return NODES.booleanNode(true);
      }
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
          array.add(sampleValue(schema.path("items")));
        }
        return array;
      }
      case "object" -> {
        return sample(schema);
      }
      default -> {
        return NODES.stringNode("x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
      }
    }
  }

  private static JsonNode wrongType(JsonNode schema) {
    return switch (schema.path("type").asString("")) {
      case "string" -> NODES.numberNode(12345);
      case "integer", "number" -> NODES.stringNode("not a number");
      case "boolean" -> NODES.stringNode("yes");
      case "array" -> NODES.stringNode("not a list");
      case "object" -> NODES.stringNode("not an object");
      default -> schema.has("enum") ? NODES.numberNode(0) : NODES.objectNode();
    };
  }

  private static JsonNode outOfRange(JsonNode schema) {
    if (schema.has("maximum")) {
      return NODES.numberNode(schema.get("maximum").decimalValue().add(java.math.BigDecimal.ONE));
    }
    if (schema.has("minimum")) {
      return NODES.numberNode(
          schema.get("minimum").decimalValue().subtract(java.math.BigDecimal.ONE));
    }
    if (schema.has("maxLength")) {
      return NODES.stringNode("x".repeat(schema.get("maxLength").asInt() + 1));
    }
    if (schema.has("enum")) {
      return NODES.stringNode("value_not_in_the_list");
    }
    if (schema.has("maxItems")) {
      ArrayNode array = NODES.arrayNode();
      for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
        array.add(sampleValue(schema.path("items")));
      }
      return array;
    }
    return null;
  }
}
