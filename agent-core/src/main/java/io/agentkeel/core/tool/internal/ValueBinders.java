package io.agentkeel.core.tool.internal;

import io.agentkeel.tools.spi.ArgumentViolation;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Makes the {@link ValueBinder} for a Java type. */
public final class ValueBinders {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValueBinders() {}

  /**
   * The binder for a component type.
   *
   * @param type the generic type; Optional is unwrapped by the caller
   * @param where the record component the type belongs to, as {@code Record.component}, for errors
   * @return the binder
   * @throws IllegalArgumentException if no call could give the type a value, naming {@code where}
   *     and the fix
   */
  public static ValueBinder forType(Type type, String where) {
    Class<?> raw = rawType(type);
    if (raw == String.class) {
      return scalar(
          "a string", JsonNode::isString, JsonNode::stringValue, v -> NODES.stringNode((String) v));
    }
    if (raw == int.class || raw == Integer.class) {
      return scalar(
          "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE,
          n -> isIntegral(n) && n.canConvertToInt(),
          n -> n.decimalValue().intValueExact(),
          v -> NODES.numberNode((Integer) v));
    }
    if (raw == long.class || raw == Long.class) {
      return scalar(
          "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE,
          n -> isIntegral(n) && n.canConvertToLong(),
          n -> n.decimalValue().longValueExact(),
          v -> NODES.numberNode((Long) v));
    }
    if (raw == short.class || raw == Short.class) {
      return scalar(
          "an integer from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE,
          n -> isIntegral(n) && n.canConvertToShort(),
          n -> n.decimalValue().shortValueExact(),
          v -> NODES.numberNode((Short) v));
    }
    if (raw == byte.class || raw == Byte.class) {
      return scalar(
          "an integer from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE,
          n ->
              isIntegral(n)
                  && n.canConvertToInt()
                  && n.decimalValue().intValue() >= Byte.MIN_VALUE
                  && n.decimalValue().intValue() <= Byte.MAX_VALUE,
          n -> n.decimalValue().byteValueExact(),
          v -> NODES.numberNode((Byte) v));
    }
    if (raw == double.class || raw == Double.class) {
      return scalar(
          "a number",
          n -> n.isNumber() && Double.isFinite(n.decimalValue().doubleValue()),
          n -> n.decimalValue().doubleValue(),
          v -> NODES.numberNode((Double) v));
    }
    if (raw == float.class || raw == Float.class) {
      return scalar(
          "a number",
          n -> n.isNumber() && Float.isFinite(n.decimalValue().floatValue()),
          n -> n.decimalValue().floatValue(),
          v -> NODES.numberNode((Float) v));
    }
    if (raw == BigDecimal.class) {
      return scalar(
          "a number",
          JsonNode::isNumber,
          JsonNode::decimalValue,
          v -> NODES.numberNode((BigDecimal) v));
    }
    if (raw == BigInteger.class) {
      return scalar(
          "an integer",
          ValueBinders::isIntegral,
          n -> n.decimalValue().toBigIntegerExact(),
          v -> NODES.numberNode((BigInteger) v));
    }
    if (raw == char.class || raw == Character.class) {
      return scalar(
          "a single character",
          n -> n.isString() && n.stringValue().length() == 1,
          n -> n.stringValue().charAt(0),
          v -> NODES.stringNode(String.valueOf((Character) v)));
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return scalar(
          "true or false",
          JsonNode::isBoolean,
          JsonNode::booleanValue,
          v -> NODES.booleanNode((Boolean) v));
    }
    if (raw.isEnum()) {
      return new EnumBinder(raw, where);
    }
    if (raw.isRecord()) {
      return RecordBinder.of(type, where);
    }
    // An array's items, like a list's, take the schema of their type; Jackson would read enum
    // items by their Java names and record items by their Java component names, which the schema
    // does not offer, and would leave a record's snake_case components null.
    if (raw.isArray()) {
      Type items =
          type instanceof GenericArrayType generic
              ? generic.getGenericComponentType()
              : raw.getComponentType();
      return new ArrayBinder(raw.getComponentType(), forType(items, where));
    }
    if ((raw == List.class || raw == Set.class || raw == Collection.class)
        && type instanceof ParameterizedType parameterized) {
      return new CollectionBinder(
          forType(parameterized.getActualTypeArguments()[0], where), raw == Set.class);
    }
    // The schema gives a map's values the schema of their type (lower-case enum values, snake_case
    // record components), so they bind as any other component of that type, not by Jackson; its
    // keys, text in JSON, bind as values of the key type written as text.
    if (raw == Map.class && type instanceof ParameterizedType parameterized) {
      Type keyType = parameterized.getActualTypeArguments()[0];
      Class<?> keyRaw = rawType(keyType);
      if (keyRaw.isRecord()
          || keyRaw.isArray()
          || Collection.class.isAssignableFrom(keyRaw)
          || Map.class.isAssignableFrom(keyRaw)) {
        throw new IllegalArgumentException(
            where
                + " is a map whose keys are "
                + keyRaw.getSimpleName()
                + ", but the keys of a JSON object are text; key it by a String, an enum, an"
                + " integer type or a type written as text (such as LocalDate)");
      }
      return new MapBinder(
          forType(keyType, where),
          INTEGER_KEYS.contains(keyRaw),
          forType(parameterized.getActualTypeArguments()[1], where));
    }
    return new JacksonBinder(type);
  }

  /**
   * The erased class of a type.
   *
   * @param type a class or parameterized type
   * @return its class
   * @throws IllegalArgumentException for type variables and wildcards
   */
  public static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    if (type instanceof GenericArrayType array) {
      return Array.newInstance(rawType(array.getGenericComponentType()), 0).getClass();
    }
    throw new IllegalArgumentException(
        "tool parameters cannot have type " + type + "; use a concrete type");
  }

  private static boolean isIntegral(JsonNode node) {
    if (node.isIntegralNumber()) {
      return true;
    }
    if (!node.isNumber()) {
      return false;
    }
    BigDecimal value = node.decimalValue();
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  private static ValueBinder scalar(
      String expected,
      Predicate<JsonNode> accepts,
      Function<JsonNode, Object> read,
      Function<Object, JsonNode> write) {
    return new ValueBinder() {
      @Override
      public Object bind(JsonNode node, String path, List<ArgumentViolation> violations) {
        if (!accepts.test(node)) {
          violations.add(new ArgumentViolation(path, expected, Json.brief(node)));
          return null;
        }
        return read.apply(node);
      }

      @Override
      public JsonNode toJson(Object value) {
        return write.apply(value);
      }
    };
  }

  private static final class EnumBinder implements ValueBinder {
    private final Map<String, Object> constants = new HashMap<>();
    private final String expected;

    /**
     * Refuses an enum that no call could fill (no constants) or whose JSON values clash (constants
     * equal in lower case, such as {@code a} and {@code A}): the schema would offer one value and
     * bind it to either constant.
     */
    EnumBinder(Class<?> type, String where) {
      List<String> names = new ArrayList<>();
      Object[] all = type.getEnumConstants();
      if (all.length == 0) {
        throw new IllegalArgumentException(
            where
                + " is of enum "
                + type.getName()
                + ", which has no constants, so no call could give it a value; add its constants"
                + " or remove the component");
      }
      for (Object constant : all) {
        String name = Naming.enumValue((Enum<?>) constant);
        Object previous = constants.putIfAbsent(name, constant);
        if (previous != null) {
          throw new IllegalArgumentException(
              "constants '"
                  + ((Enum<?>) previous).name()
                  + "' and '"
                  + ((Enum<?>) constant).name()
                  + "' of enum "
                  + type.getName()
                  + ", the type of "
                  + where
                  + ", both have the JSON value '"
                  + name
                  + "'; rename one of them");
        }
        names.add('"' + name + '"');
      }
      expected = "one of " + String.join(", ", names);
    }

    @Override
    public Object bind(JsonNode node, String path, List<ArgumentViolation> violations) {
      Object constant = node.isString() ? constants.get(node.stringValue()) : null;
      if (constant == null) {
        violations.add(new ArgumentViolation(path, expected, Json.brief(node)));
      }
      return constant;
    }

    @Override
    public JsonNode toJson(Object value) {
      return NODES.stringNode(Naming.enumValue((Enum<?>) value));
    }
  }

  private record CollectionBinder(ValueBinder items, boolean set) implements ValueBinder {
    @Override
    public Object bind(JsonNode node, String path, List<ArgumentViolation> violations) {
      if (!node.isArray()) {
        violations.add(new ArgumentViolation(path, "a list", Json.brief(node)));
        return null;
      }
      List<Object> values = new ArrayList<>(node.size());
      boolean ok = true;
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String itemPath = path + "[" + i + "]";
        if (item.isNull()) {
          violations.add(new ArgumentViolation(itemPath, "a value", "null"));
          ok = false;
          continue;
        }
        Object value = items.bind(item, itemPath, violations);
        ok &= value != null;
        values.add(value);
      }
      if (!ok) {
        return null;
      }
      return set
          ? Collections.unmodifiableSet(new LinkedHashSet<>(values))
          : Collections.unmodifiableList(values);
    }

    @Override
    public JsonNode toJson(Object value) {
      ArrayNode array = NODES.arrayNode();
      for (Object item : (Collection<?>) value) {
        array.add(items.toJson(item));
      }
      return array;
    }
  }

  /** An array: bound as a list of its items, then copied into an array of the item type. */
  private record ArrayBinder(Class<?> itemType, ValueBinder items) implements ValueBinder {
    @Override
    public Object bind(JsonNode node, String path, List<ArgumentViolation> violations) {
      if (!(new CollectionBinder(items, false).bind(node, path, violations)
          instanceof List<?> values)) {
        return null;
      }
      Object array = Array.newInstance(itemType, values.size());
      for (int i = 0; i < values.size(); i++) {
        Array.set(array, i, values.get(i));
      }
      return array;
    }

    @Override
    public JsonNode toJson(Object value) {
      ArrayNode array = NODES.arrayNode();
      for (int i = 0; i < Array.getLength(value); i++) {
        array.add(items.toJson(Array.get(value, i)));
      }
      return array;
    }
  }

  /**
   * What a value of a type Jackson reads from a string looks like, for the model: the form, not the
   * Java class. Types not listed are named by their simple class name.
   */
  private static final Map<Class<?>, String> FORMS =
      Map.ofEntries(
          Map.entry(LocalDate.class, "a date as YYYY-MM-DD"),
          Map.entry(LocalTime.class, "a time as HH:MM:SS"),
          Map.entry(LocalDateTime.class, "a date and time as YYYY-MM-DDTHH:MM:SS"),
          Map.entry(OffsetDateTime.class, "a date and time as YYYY-MM-DDTHH:MM:SS+HH:MM"),
          Map.entry(ZonedDateTime.class, "a date and time as YYYY-MM-DDTHH:MM:SS+HH:MM"),
          Map.entry(Instant.class, "an instant as YYYY-MM-DDTHH:MM:SSZ"),
          Map.entry(Duration.class, "a duration such as PT15M or P2DT3H"),
          Map.entry(Period.class, "a period such as P1Y2M10D"),
          Map.entry(YearMonth.class, "a month as YYYY-MM"),
          Map.entry(Year.class, "a year as YYYY"),
          Map.entry(ZoneId.class, "a time zone such as Europe/Paris"),
          Map.entry(UUID.class, "a UUID such as 123e4567-e89b-12d3-a456-426614174000"),
          Map.entry(URI.class, "a URI"),
          Map.entry(URL.class, "a URL"));

  /** The key types of a map written as integers: {@code "3"} is the key 3. */
  static final Set<Class<?>> INTEGER_KEYS =
      Set.of(Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);

  private record MapBinder(ValueBinder keys, boolean integerKeys, ValueBinder values)
      implements ValueBinder {
    @Override
    public Object bind(JsonNode node, String path, List<ArgumentViolation> violations) {
      if (!node.isObject()) {
        violations.add(new ArgumentViolation(path, "an object", Json.brief(node)));
        return null;
      }
      Map<Object, Object> entries = new LinkedHashMap<>();
      Map<Object, String> texts = new HashMap<>();
      boolean ok = true;
      for (String key : node.propertyNames()) {
        JsonNode entry = node.get(key);
        String entryPath = path + "." + key;
        Object boundKey = key(key, entryPath, violations);
        if (boundKey != null && texts.putIfAbsent(boundKey, key) != null) {
          // "3" and "03" are one integer key: the second would silently replace the first.
          violations.add(
              new ArgumentViolation(
                  entryPath,
                  "each key once (\"" + texts.get(boundKey) + "\" is the same key)",
                  '"' + key + '"'));
          ok = false;
          continue;
        }
        if (entry.isNull()) {
          violations.add(new ArgumentViolation(entryPath, "a value", "null"));
          ok = false;
          continue;
        }
        Object value = values.bind(entry, entryPath, violations);
        ok &= value != null && boundKey != null;
        entries.put(boundKey, value);
      }
      return ok ? Collections.unmodifiableMap(entries) : null;
    }

    /** The key as its type, or null with a violation naming it. */
    private Object key(String key, String path, List<ArgumentViolation> violations) {
      JsonNode keyNode = NODES.stringNode(key);
      if (integerKeys) {
        try {
          keyNode = NODES.numberNode(new BigInteger(key));
        } catch (NumberFormatException notDigits) {
          keyNode = NODES.stringNode(key);
        }
      }
      List<ArgumentViolation> problems = new ArrayList<>();
      Object bound = keys.bind(keyNode, path, problems);
      if (bound == null) {
        String expected = problems.isEmpty() ? "another key" : problems.get(0).expected();
        violations.add(new ArgumentViolation(path, "a key that is " + expected, '"' + key + '"'));
      }
      return bound;
    }

    @Override
    public JsonNode toJson(Object value) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      ((Map<?, ?>) value)
          .forEach((key, entry) -> {
            JsonNode keyNode = keys.toJson(key);
            sorted.put(
                keyNode.isString() ? keyNode.stringValue() : keyNode.toString(),
                values.toJson(entry));
          });
      ObjectNode object = NODES.objectNode();
      sorted.forEach(object::set);
      return object;
    }
  }

  /** Any other type, bound by Jackson (java.time types, maps of keys that are not strings). */
  private static final class JacksonBinder implements ValueBinder {
    private final JavaType type;
    private final String expected;

    JacksonBinder(Type type) {
      this.type = Json.MAPPER.constructType(type);
      Class<?> raw = this.type.getRawClass();
      this.expected = FORMS.getOrDefault(raw, "a value of type " + raw.getSimpleName());
    }

    @Override
    public Object bind(JsonNode node, String path, List<ArgumentViolation> violations) {
      try {
        Object value = Json.MAPPER.treeToValue(node, type);
        if (value == null) {
          violations.add(new ArgumentViolation(path, "a value", Json.brief(node)));
        }
        return value;
      } catch (JacksonException | IllegalArgumentException e) {
        violations.add(new ArgumentViolation(path, expected, Json.brief(node)));
        return null;
      }
    }

    @Override
    public JsonNode toJson(Object value) {
      return Json.MAPPER.valueToTree(value);
    }
  }
}
