package io.agentkeel.core.tool.internal;

import com.fasterxml.classmate.ResolvedType;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (2020-12) of a parameter record with victools, once per record type.
 *
 * <p>Properties are the snake_case component names (or {@link Param#name()}); a component is
 * required unless it is an {@link Optional} or has a {@link Default}; enum values are the
 * lower-case constant names; {@link Param} and Jakarta Validation bounds become keywords; every
 * object forbids additional properties, and a map's entries take its value type. A component may be
 * a generic record with concrete type arguments ({@code Pair<String>}). Everything is inlined:
 * there are no {@code $ref}s.
 */
public final class ParameterSchemas {

  /** The dialect of every generated schema. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private static final SchemaGenerator GENERATOR = generator();

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
