package io.agentkeel.core.tool.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.agentkeel.tools.spi.ArgumentViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates arguments against a parameter schema compiled once with networknt, and words each
 * problem for the model. Immutable and thread-safe.
 */
public final class ArgumentValidator {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final ObjectNode schemaNode;
  private final Schema schema;

  /**
   * Compiles a schema.
   *
   * @param schemaNode the parameter schema; not changed
   */
  public ArgumentValidator(ObjectNode schemaNode) {
    this.schemaNode = schemaNode;
    this.schema = REGISTRY.getSchema(schemaNode);
    this.schema.initializeValidators();
  }

  /**
   * Checks a schema against the JSON Schema 2020-12 meta-schema.
   *
   * @param schema a schema
   * @return one line per problem; empty when the schema is valid
   */
  public static List<String> metaSchemaProblems(JsonNode schema) {
    Schema meta =
        REGISTRY.getSchema(com.networknt.schema.SchemaLocation.of(ParameterSchemas.DIALECT));
    return meta.validate(schema).stream().map(Error::toString).toList();
  }

  /**
   * Validates arguments.
   *
   * @param arguments the model's arguments
   * @return every problem, at most one per argument path; empty when the arguments are valid
   */
  public List<ArgumentViolation> validate(JsonNode arguments) {
    List<Error> errors = schema.validate(arguments);
    if (errors.isEmpty()) {
      return List.of();
    }
    Map<String, ArgumentViolation> byPath = new LinkedHashMap<>();
    for (Error error : errors) {
      ArgumentViolation violation = violation(error, arguments);
      byPath.putIfAbsent(violation.path(), violation);
    }
    return new ArrayList<>(byPath.values());
  }

  private ArgumentViolation violation(Error error, JsonNode arguments) {
    NodePath location = error.getInstanceLocation();
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    JsonNode instanceSchema = subschema(location);
    String path = path(location);
    switch (keyword) {
      case "required" -> {
        String property = error.getProperty();
        JsonNode propertySchema =
            instanceSchema == null ? null : instanceSchema.path("properties").get(property);
        return new ArgumentViolation(
            append(path, property), describe(propertySchema) + " (required)", "nothing");
      }
      case "additionalProperties", "unevaluatedProperties" -> {
        String property = error.getProperty();
        JsonNode instance = at(arguments, location);
        List<String> known = new ArrayList<>();
        if (instanceSchema != null) {
          instanceSchema.path("properties").propertyNames().forEach(known::add);
        }
        return new ArgumentViolation(
            append(path, property),
            "no argument of this name (known: " + String.join(", ", known) + ")",
            Json.brief(instance == null ? null : instance.get(property)));
      }
      case "propertyNames" -> {
        // A map's key that its key type does not take: an enum value, or an integer's digits.
        String property = error.getProperty();
        JsonNode names = instanceSchema == null ? null : instanceSchema.get("propertyNames");
        return new ArgumentViolation(
            property == null ? path : append(path, property),
            "a key that is " + (names == null ? "another key" : describe(names)),
            property == null ? Json.brief(at(arguments, location)) : '"' + property + '"');
      }
      default -> {
        JsonNode instance = at(arguments, location);
        String expected = instanceSchema == null ? error.getMessage() : describe(instanceSchema);
        return new ArgumentViolation(path, expected, Json.brief(instance));
      }
    }
  }

  private JsonNode subschema(NodePath location) {
    JsonNode node = schemaNode;
    for (int i = 0; i < location.getNameCount() && node != null; i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer) {
        node = node.get("items");
      } else {
        JsonNode declared = node.path("properties").get(element.toString());
        // A map's entries are described by additionalProperties.
        node =
            declared != null || !node.path("additionalProperties").isObject()
                ? declared
                : node.get("additionalProperties");
      }
    }
    return node;
  }

  private static JsonNode at(JsonNode arguments, NodePath location) {
    JsonNode node = arguments;
    for (int i = 0; i < location.getNameCount() && node != null; i++) {
      Object element = location.getElement(i);
      node = element instanceof Integer index ? node.get(index) : node.get(element.toString());
    }
    return node;
  }

  private static String path(NodePath location) {
    String path = "$";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? path + "[" + index + "]"
              : append(path, element.toString());
    }
    return path;
  }

  private static String append(String path, String name) {
    return IDENTIFIER.matcher(name).matches()
        ? path + "." + name
        : path + "['" + name.replace("'", "\\'") + "']";
  }

  /**
   * Says in words what a schema accepts, such as {@code an integer from 1 to 365}.
   *
   * @param schema a (sub)schema, or null
   * @return the description
   */
  public static String describe(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return "a value";
    }
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add(v.toString()));
      return "one of " + String.join(", ", values);
    }
    if (schema.has("const")) {
      return "exactly " + schema.get("const");
    }
    String type = schema.path("type").isString() ? schema.path("type").stringValue() : "";
    StringBuilder text = new StringBuilder();
    switch (type) {
      case "string" -> {
        text.append("a string");
        range(text, schema, "minLength", "maxLength", " characters", true);
        if (schema.has("pattern")) {
          text.append(" matching ").append(schema.get("pattern").stringValue());
        }
        if (schema.has("format")) {
          text.append(" in ").append(schema.get("format").stringValue()).append(" format");
        }
      }
      case "integer", "number" -> {
        text.append("integer".equals(type) ? "an integer" : "a number");
        range(text, schema, "minimum", "maximum", "", false);
      }
      case "boolean" -> text.append("true or false");
      case "array" -> {
        text.append("a list");
        range(text, schema, "minItems", "maxItems", " items", true);
        if (schema.has("items")) {
          text.append(", each ").append(describe(schema.get("items")));
        }
      }
      case "object" -> {
        List<String> names = new ArrayList<>();
        schema.path("properties").propertyNames().forEach(names::add);
        text.append("an object");
        if (!names.isEmpty()) {
          text.append(" with arguments ").append(String.join(", ", names));
        }
      }
      default -> text.append("a value");
    }
    return text.toString();
  }

  private static void range(
      StringBuilder text, JsonNode schema, String low, String high, String unit, boolean of) {
    JsonNode min = schema.get(low);
    JsonNode max = schema.get(high);
    if (min != null && max != null) {
      text.append(of ? " of " : " from ").append(min).append(" to ").append(max).append(unit);
    } else if (min != null) {
      text.append(of ? " of at least " : " at least ").append(min).append(unit);
    } else if (max != null) {
      text.append(of ? " of at most " : " at most ").append(max).append(unit);
    }
  }
}
