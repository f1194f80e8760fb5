package io.agentkeel.examples.demo;

import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Finds a tool's arguments in a request, the way a careful reader would without a model. */
final class ArgumentFinder {

  /**
   * What was found: the arguments as JSON, the required parameters that were not found, and whether
   * a value came from an earlier turn through an ordinal ("the second one").
   */
  record Found(String argumentsJson, List<String> missing, boolean followUp) {}

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Pattern EXAMPLE =
      Pattern.compile("(?:such as|e\\.g\\.|for example|like)\\s+([A-Za-z0-9][A-Za-z0-9_\\-]*)");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\w.-])(\\d+(?:\\.\\d+)?)(?![\\w-]*\\d)\\s*([A-Za-z]+)?");
  private static final Set<String> FREE_TEXT_WORDS =
      Set.of(
          "reason",
          "fact",
          "comment",
          "message",
          "text",
          "query",
          "note",
          "question",
          "description",
          "summary",
          "document",
          "content",
          "body");
  private static final Map<String, Integer> ORDINALS =
      Map.ofEntries(
          Map.entry("first", 1),
          Map.entry("1st", 1),
          Map.entry("second", 2),
          Map.entry("2nd", 2),
          Map.entry("third", 3),
          Map.entry("3rd", 3),
          Map.entry("fourth", 4),
          Map.entry("4th", 4),
          Map.entry("fifth", 5),
          Map.entry("5th", 5),
          Map.entry("last one", -1));

  /**
   * An ordinal that points at something listed earlier: "the second one", "the 2nd", "the last
   * one"; a bare "last" ("in the last 90 days") is not one.
   */
  private static final Pattern ORDINAL =
      Pattern.compile(
          "\\b(" + String.join("|", ORDINALS.keySet()) + ")\\b", Pattern.CASE_INSENSITIVE);

  private static final int MAX_FREE_TEXT = 200;

  /** Names of integers that say how many results to return, such as {@code limit}. */
  private static final Set<String> COUNT_WORDS = Set.of("limit", "count", "max", "top");

  /** How many results a count takes when the request does not say. */
  static final long DEFAULT_COUNT = 5;

  private ArgumentFinder() {}

  /**
   * Fills what it can of a tool's parameters.
   *
   * @param request the user's request
   * @param earlierTurns the conversation before it, newest first, for ordinal references
   * @param parameters the tool's parameter schema, or null for none
   * @return the arguments found and the required ones missing
   */
  static Found find(String request, List<String> earlierTurns, JsonObjectSchema parameters) {
    ObjectNode arguments = JSON.createObjectNode();
    List<String> missing = new ArrayList<>();
    if (parameters == null) {
      return new Found("{}", missing, false);
    }
    Set<String> required =
        new LinkedHashSet<>(parameters.required() == null ? List.of() : parameters.required());
    Map<String, JsonSchemaElement> properties = new java.util.LinkedHashMap<>();
    parameters.properties().forEach((name, schema) -> properties.put(name, typed(schema)));
    for (Map.Entry<String, JsonSchemaElement> property : properties.entrySet()) {
      String name = property.getKey();
      Optional<Object> value =
          valueOf(name, property.getValue(), request, earlierTurns, required.contains(name));
      value.ifPresentOrElse(
          v -> {
            switch (v) {
              case Long l -> arguments.put(name, l);
              case Double d -> arguments.put(name, d);
              default -> arguments.put(name, v.toString());
            }
          },
          () -> {
            if (required.contains(name)) {
              missing.add(name);
            }
          });
    }
    boolean followUp = false;
    for (Map.Entry<String, JsonSchemaElement> property : properties.entrySet()) {
      if (property.getValue() instanceof JsonStringSchema s
          && arguments.has(property.getKey())
          && shapeOf(s.description()).filter(shape -> !shape.matcher(request).find()).isPresent()) {
        followUp = true;
      }
    }
    return new Found(JSON.writeValueAsString(arguments), missing, followUp);
  }

  /**
   * The typed schema of a property: core hands the model each property as a raw JSON schema (with
   * bounds, pattern and default), which is read back here into LangChain4j's typed elements.
   */
  static JsonSchemaElement typed(JsonSchemaElement schema) {
    if (!(schema instanceof JsonRawSchema raw)) {
      return schema;
    }
    JsonNode node = JSON.readTree(raw.schema());
    String description = node.path("description").asString(null);
    if (node.has("enum")) {
      List<String> values = new ArrayList<>();
      node.get("enum").forEach(v -> values.add(v.asString()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    return switch (node.path("type").asString("")) {
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "string" -> JsonStringSchema.builder().description(description).build();
      default -> schema;
    };
  }

  private static Optional<Object> valueOf(
      String name,
      JsonSchemaElement schema,
      String request,
      List<String> earlierTurns,
      boolean required) {
    return switch (schema) {
      case JsonEnumSchema e -> enumValue(e.enumValues(), request).map(v -> v);
      case JsonIntegerSchema i ->
          number(name, request, required)
              .map(n -> (Object) Math.round(n))
              .or(() ->
                  required && words(name).stream().anyMatch(COUNT_WORDS::contains)
                      ? Optional.of(DEFAULT_COUNT)
                      : Optional.empty());
      case JsonNumberSchema n -> number(name, request, required).map(v -> v);
      case JsonStringSchema s -> string(name, s.description(), request, earlierTurns).map(v -> v);
      case JsonBooleanSchema b -> Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<String> enumValue(List<String> values, String request) {
    String lower = request.toLowerCase(Locale.ROOT);
    int best = Integer.MAX_VALUE;
    String found = null;
    for (String value : values) {
      Matcher m =
          Pattern.compile(
                  "\\b" + Pattern.quote(value.toLowerCase(Locale.ROOT).replace('_', ' ')) + "\\b")
              .matcher(lower);
      if (m.find() && m.start() < best) {
        best = m.start();
        found = value;
      }
    }
    return Optional.ofNullable(found);
  }

  private static Optional<Double> number(String name, String request, boolean required) {
    Set<String> words = words(name);
    List<Double> free = new ArrayList<>();
    Matcher m = NUMBER.matcher(request);
    while (m.find()) {
      double value = Double.parseDouble(m.group(1));
      String unit = m.group(2);
      if (unit != null && words.contains(singular(unit.toLowerCase(Locale.ROOT)))) {
        return Optional.of(value);
      }
      free.add(value);
    }
    return required && free.size() == 1 ? Optional.of(free.get(0)) : Optional.empty();
  }

  private static Optional<String> string(
      String name, String description, String request, List<String> earlierTurns) {
    Set<String> words = words(name);
    if (words.contains("email")) {
      Matcher email = EMAIL.matcher(request);
      return email.find() ? Optional.of(email.group()) : Optional.empty();
    }
    Optional<Pattern> shape = shapeOf(description);
    if (shape.isPresent()) {
      Matcher direct = shape.get().matcher(request);
      if (direct.find()) {
        return Optional.of(direct.group().toUpperCase(Locale.ROOT));
      }
      return ordinalReference(shape.get(), request, earlierTurns);
    }
    for (String word : words) {
      if (FREE_TEXT_WORDS.contains(word)) {
        String text = request.strip();
        return text.isEmpty()
            ? Optional.empty()
            : Optional.of(text.length() > MAX_FREE_TEXT ? text.substring(0, MAX_FREE_TEXT) : text);
      }
    }
    return Optional.empty();
  }

  /** "the second one": the n-th value of that shape in the newest earlier turn that has any. */
  private static Optional<String> ordinalReference(
      Pattern shape, String request, List<String> earlierTurns) {
    Matcher ordinal = ORDINAL.matcher(request);
    if (!ordinal.find()) {
      return Optional.empty();
    }
    int n = ORDINALS.get(ordinal.group(1).toLowerCase(Locale.ROOT));
    for (String turn : earlierTurns) {
      List<String> values = new ArrayList<>(new LinkedHashSet<>(all(shape, turn)));
      if (!values.isEmpty()) {
        int index = n < 0 ? values.size() - 1 : n - 1;
        return index < values.size()
            ? Optional.of(values.get(index).toUpperCase(Locale.ROOT))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static List<String> all(Pattern shape, String text) {
    List<String> values = new ArrayList<>();
    Matcher m = shape.matcher(text);
    while (m.find()) {
      values.add(m.group());
    }
    return values;
  }

  /**
   * The shape of the example a description gives: {@code such as C-1042} becomes {@code C-\d+};
   * {@code such as DE} becomes two capital letters.
   */
  static Optional<Pattern> shapeOf(String description) {
    if (description == null) {
      return Optional.empty();
    }
    Matcher m = EXAMPLE.matcher(description);
    if (!m.find()) {
      return Optional.empty();
    }
    String example = m.group(1).replaceAll("[-_]+$", "");
    boolean hasDigit = example.chars().anyMatch(Character::isDigit);
    boolean hasLetter = example.chars().anyMatch(Character::isLetter);
    if (!hasDigit) {
      // A word without digits, such as a country code: only its exact capitalised form is a value.
      return hasLetter && example.equals(example.toUpperCase(Locale.ROOT)) && example.length() <= 4
          ? Optional.of(Pattern.compile("\\b[A-Z]{" + example.length() + "}\\b"))
          : Optional.empty();
    }
    StringBuilder regex = new StringBuilder("(?<![\\w-])");
    for (int i = 0; i < example.length(); ) {
      char c = example.charAt(i);
      if (Character.isDigit(c)) {
        while (i < example.length() && Character.isDigit(example.charAt(i))) {
          i++;
        }
        regex.append("\\d+");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    regex.append("(?![\\w-])");
    return Optional.of(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
  }

  private static Set<String> words(String name) {
    Set<String> words = new LinkedHashSet<>();
    for (String part : name.split("_|(?<=[a-z])(?=[A-Z])")) {
      if (!part.isBlank()) {
        words.add(singular(part.toLowerCase(Locale.ROOT)));
      }
    }
    return words;
  }

  private static String singular(String word) {
    return word.length() > 3 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
  }
}
