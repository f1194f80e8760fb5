package io.agentkeel.core.tool.internal;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigPart;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.impl.module.EnumModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (2020-12) of a parameter record with victools, once per record type.
 *
 * <p>Properties are the snake_case component names (or {@link Param#name()}); a component is
 * required unless it is an {@link Optional} or has a {@link Default}; enum values are the
 * lower-case constant names; {@link Param} and Jakarta Validation bounds become keywords; every
 * object forbids additional properties, and a map's entries take its value type. A component may be
 * a generic record with concrete type arguments ({@code Pair<String>}). Everything is inlined:
 * there are no {@code $ref}s, and an {@code allOf} whose parts can be one schema is one schema.
 */
public final class ParameterSchemas {

  /** The dialect of every generated schema. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private static final SchemaGenerator GENERATOR = generator();

  /** Keywords whose meaning depends on others in the same schema. */
  private static final Set<String> ADJACENT =
      Set.of(
          "properties",
          "patternProperties",
          "additionalProperties",
          "unevaluatedProperties",
          "prefixItems",
          "items",
          "unevaluatedItems",
          "contains",
          "minContains",
          "maxContains",
          "if",
          "then",
          "else");

  /** A generated schema and its text, made together once per record type. */
  private record Generated(ObjectNode node, String json) {}

  private static final ClassValue<Generated> CACHE =
      new ClassValue<>() {
        @Override
        protected Generated computeValue(Class<?> type) {
          ObjectNode node = generate(type);
          return new Generated(node, node.toString());
        }
      };

  private ParameterSchemas() {}

  /**
   * The schema of a parameter record, generated on first use and cached.
   *
   * @param type the record
   * @return the schema; callers must not change it
   * @throws IllegalArgumentException if the record cannot be described (such as a recursive type)
   */
  public static ObjectNode of(Class<? extends Record> type) {
    return CACHE.get(type).node();
  }

  /**
   * The schema of a parameter record as JSON text, generated on first use and cached.
   *
   * @param type the record
   * @return the schema text
   * @throws IllegalArgumentException if the record cannot be described
   */
  public static String jsonOf(Class<? extends Record> type) {
    return CACHE.get(type).json();
  }

  /**
   * Checks every {@code default} of a schema, nested ones too, against the rest of its property's
   * schema (type, bounds, pattern, enum), so that a default the model could not send is refused at
   * registration instead of reaching the tool.
   *
   * @param schema a generated parameter schema
   * @return one sentence per default that breaks its own schema, naming the argument; empty when
   *     all hold
   */
  public static List<String> defaultProblems(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    defaultProblems(schema, "", problems);
    return problems;
  }

  private static void defaultProblems(JsonNode schema, String prefix, List<String> problems) {
    for (var property : schema.path("properties").properties()) {
      String name = prefix + property.getKey();
      JsonNode propertySchema = property.getValue();
      JsonNode value = propertySchema.get("default");
      if (value != null && propertySchema instanceof ObjectNode object) {
        ObjectNode rule = object.deepCopy();
        rule.remove("default");
        rule.remove("description");
        rule.put("$schema", DIALECT);
        for (var violation : new ArgumentValidator(rule).validate(value)) {
          problems.add(
              "the default of argument '"
                  + name
                  + "' is "
                  + Json.brief(value)
                  + ", but the argument must be "
                  + violation.expected()
                  + "; change the @Default or the bound");
        }
      }
      defaultProblems(propertySchema, name + ".", problems);
      JsonNode items = propertySchema.get("items");
      if (items != null) {
        defaultProblems(items, name + "[].", problems);
      }
    }
  }

  private static ObjectNode generate(Class<?> type) {
    ObjectNode generated;
    try {
      synchronized (GENERATOR) {
        generated = GENERATOR.generateSchema(type);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot describe parameter record "
              + type.getName()
              + " as a JSON schema ("
              + e.getMessage()
              + "); use strings, numbers, booleans, enums, lists and records without cycles",
          e);
    }
    // Round-trip once so that values added as POJOs (defaults) become plain JSON nodes.
    JsonNode clean = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(generated));
    ObjectNode schema = (ObjectNode) clean;
    removeNullTypes(schema);
    mergeAllOf(schema);
    schema.put("$schema", DIALECT);
    return schema;
  }

  /**
   * An optional argument is left out rather than sent as null ({@code bind} treats a null as left
   * out), so {@code "type": ["string", "null"]} becomes {@code "type": "string"}.
   */
  private static void removeNullTypes(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode type = object.get("type");
      if (type != null && type.isArray()) {
        List<JsonNode> types = new ArrayList<>();
        type.forEach(t -> {
          if (!"null".equals(t.asString())) {
            types.add(t);
          }
        });
        if (types.size() == 1) {
          object.set("type", types.get(0));
        }
      }
    }
    node.forEach(ParameterSchemas::removeNullTypes);
  }

  /**
   * A map component's schema comes from the generator as an {@code allOf} of the map type's schema
   * and the component's, each with the values' schema under {@code additionalProperties}; the
   * generator merges such parts itself unless the values' schema forbids additional properties, as
   * a record's does. Left so, every violation inside a map's record value was found twice, and the
   * validator could not find the value's schema to word it. Parts whose keywords each appear once,
   * or with equal values, become one schema: the same schema, as each keyword is checked alone,
   * except those that read their neighbours ({@code properties} and {@code additionalProperties},
   * say), which must then be equal in every part that has any.
   */
  private static void mergeAllOf(JsonNode node) {
    node.forEach(ParameterSchemas::mergeAllOf);
    if (node instanceof ObjectNode object && object.get("allOf") instanceof ArrayNode parts) {
      List<JsonNode> all = new ArrayList<>();
      ObjectNode rest = object.deepCopy();
      rest.remove("allOf");
      all.add(rest);
      parts.forEach(all::add);
      ObjectNode merged = merged(all);
      if (merged != null) {
        object.removeAll();
        object.setAll(merged);
      }
    }
  }

  /** The one schema equal to all of the parts, or null if they cannot be one. */
  private static ObjectNode merged(List<JsonNode> parts) {
    ObjectNode merged = Json.MAPPER.createObjectNode();
    ObjectNode adjacent = null;
    for (JsonNode part : parts) {
      if (!(part instanceof ObjectNode schema) || schema.has("allOf")) {
        return null;
      }
      ObjectNode partAdjacent = Json.MAPPER.createObjectNode();
      for (var keyword : schema.properties()) {
        JsonNode kept = merged.get(keyword.getKey());
        if (kept == null) {
          merged.set(keyword.getKey(), keyword.getValue());
        } else if (!kept.equals(keyword.getValue())) {
          return null;
        }
        if (ADJACENT.contains(keyword.getKey())) {
          partAdjacent.set(keyword.getKey(), keyword.getValue());
        }
      }
      if (!partAdjacent.isEmpty()) {
        if (adjacent == null) {
          adjacent = partAdjacent;
        } else if (!adjacent.equals(partAdjacent)) {
          return null;
        }
      }
    }
    return merged;
  }

  private static SchemaGenerator generator() {
    SchemaGeneratorConfigBuilder builder =
        new SchemaGeneratorConfigBuilder(
                Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                Option.SCHEMA_VERSION_INDICATOR,
                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.FLATTENED_OPTIONALS,
                // A map's entries are its values' schema; without this a map component was an
                // object that forbids every property, which no call could fill.
                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                Option.INLINE_ALL_SCHEMAS)
            .with(new EnumModule(Naming::enumValue));
    if (jakartaValidationPresent()) {
      builder.with(
          new JakartaValidationModule(JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
    }
    // victools describes a byte as a string (base64, as for a byte[]), which the binder read as
    // Jackson does: "200" became -56. A byte component is a small integer.
    builder
        .forTypesInGeneral()
        .withCustomDefinitionProvider((javaType, context) -> {
          Class<?> erased = javaType.getErasedType();
          if (erased != byte.class && erased != Byte.class) {
            return null;
          }
          ObjectNode definition = context.getGeneratorConfig().createObjectNode();
          definition.put("type", "integer");
          definition.put("minimum", Byte.MIN_VALUE);
          definition.put("maximum", Byte.MAX_VALUE);
          return new CustomDefinition(definition, true);
        });
    // A map's keys are text in JSON; say which text an enum or integer key type takes, as the
    // binder reads it.
    builder
        .forTypesInGeneral()
        .withTypeAttributeOverride((node, scope, context) -> {
          ResolvedType type = scope.getType();
          if (!type.isInstanceOf(java.util.Map.class)) {
            return;
          }
          List<ResolvedType> parameters = type.typeParametersFor(java.util.Map.class);
          if (parameters == null || parameters.isEmpty()) {
            return;
          }
          Class<?> key = parameters.get(0).getErasedType();
          ObjectNode names = context.getGeneratorConfig().createObjectNode();
          if (key.isEnum()) {
            ArrayNode values = names.putArray("enum");
            for (Object constant : key.getEnumConstants()) {
              values.add(Naming.enumValue((Enum<?>) constant));
            }
          } else if (ValueBinders.INTEGER_KEYS.contains(key)) {
            names.put("type", "string");
            names.put("pattern", "^-?[0-9]+$");
          } else {
            return;
          }
          node.set("propertyNames", names);
        });
    // Keep declaration order: the model reads the arguments in the order the author wrote them.
    builder.forTypesInGeneral().withPropertySorter((a, b) -> 0);
    SchemaGeneratorConfigPart<FieldScope> fields = builder.forFields();
    fields
        .withPropertyNameOverrideResolver(field ->
            field.isFakeContainerItemScope()
                ? null
                : Naming.jsonName(field.getRawMember(), field.getDeclaredName()))
        .withRequiredCheck(field ->
            field.getDeclaredType().getErasedType() != Optional.class
                && field.getRawMember().getAnnotation(Default.class) == null)
        .withDescriptionResolver(field -> param(field).map(Param::value).orElse(null))
        .withDefaultResolver(ParameterSchemas::defaultValue)
        .withNumberInclusiveMinimumResolver(field ->
            param(field)
                .filter(p -> p.min() != Long.MIN_VALUE)
                .map(p -> BigDecimal.valueOf(p.min()))
                .orElse(null))
        .withNumberInclusiveMaximumResolver(field ->
            param(field)
                .filter(p -> p.max() != Long.MAX_VALUE)
                .map(p -> BigDecimal.valueOf(p.max()))
                .orElse(null))
        .withStringMinLengthResolver(field ->
            isString(field)
                ? param(field).filter(p -> p.minLength() > 0).map(Param::minLength).orElse(null)
                : null)
        .withStringMaxLengthResolver(field ->
            isString(field)
                ? param(field)
                    .filter(p -> p.maxLength() != Integer.MAX_VALUE)
                    .map(Param::maxLength)
                    .orElse(null)
                : null)
        .withStringPatternResolver(field ->
            isString(field)
                ? param(field).map(Param::pattern).filter(p -> !p.isEmpty()).orElse(null)
                : null)
        .withArrayMinItemsResolver(field ->
            field.isContainerType()
                ? param(field).filter(p -> p.minLength() > 0).map(Param::minLength).orElse(null)
                : null)
        .withArrayMaxItemsResolver(field ->
            field.isContainerType()
                ? param(field)
                    .filter(p -> p.maxLength() != Integer.MAX_VALUE)
                    .map(Param::maxLength)
                    .orElse(null)
                : null);
    return new SchemaGenerator(builder.build());
  }

  private static boolean jakartaValidationPresent() {
    try {
      Class.forName(
          "jakarta.validation.constraints.Size", false, ParameterSchemas.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static Optional<Param> param(FieldScope field) {
    if (field.isFakeContainerItemScope()) {
      return Optional.empty();
    }
    return Optional.ofNullable(field.getRawMember().getAnnotation(Param.class));
  }

  private static boolean isString(FieldScope field) {
    return !field.isFakeContainerItemScope() && field.getType().getErasedType() == String.class;
  }

  private static Object defaultValue(FieldScope field) {
    if (field.isFakeContainerItemScope()
        || field.getRawMember().getAnnotation(Default.class) == null
        || !field.getDeclaringType().getErasedType().isRecord()) {
      return null;
    }
    Class<? extends Record> owner =
        field.getDeclaringType().getErasedType().asSubclass(Record.class);
    String jsonName = Naming.jsonName(field.getRawMember(), field.getDeclaredName());
    JsonNode node;
    if (owner.getTypeParameters().length == 0) {
      node = RecordBinder.of(owner).defaultFor(jsonName).orElse(null);
    } else {
      // A generic record's component takes its type from where the record is used (Pair<String>);
      // the binder of that use has already checked the default.
      ResolvedType type = field.getType();
      if (type.getErasedType() == Optional.class) {
        type = type.getTypeParameters().get(0);
      }
      node =
          RecordBinder.defaultJson(
              owner,
              field.getDeclaredName(),
              type.getErasedType(),
              field.getRawMember().getAnnotation(Default.class).value());
    }
    if (node == null) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node;
  }
}
