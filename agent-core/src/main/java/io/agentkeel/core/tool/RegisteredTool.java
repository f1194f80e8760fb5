package io.agentkeel.core.tool;

import dev.langchain4j.agent.tool.ToolSpecification;
import io.agentkeel.core.tool.internal.ArgumentValidator;
import io.agentkeel.core.tool.internal.Json;
import io.agentkeel.core.tool.internal.LangChain4jSchemas;
import io.agentkeel.core.tool.internal.ParameterSchemas;
import io.agentkeel.core.tool.internal.RecordBinder;
import io.agentkeel.tools.spi.ArgumentViolation;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool as the agent holds it: the tool, its descriptor, where it came from, its parameter JSON
 * schema and LangChain4j specification (both made once, at registration), and the validation and
 * binding of the model's arguments.
 *
 * <p>Instances are immutable and thread-safe. Get them from a {@link ToolCatalog}.
 */
public final class RegisteredTool {

  /** The source of tools registered in code rather than found in a plugin jar. */
  public static final String EXPLICIT = "explicit registration";

  private final Tool<?, ?> tool;
  private final ToolDescriptor descriptor;
  private final String source;
  private final ObjectNode schema;
  private final String schemaJson;
  private final ArgumentValidator validator;
  private final RecordBinder binder;
  private final ToolSpecification specification;

  private RegisteredTool(Tool<?, ?> tool, ToolDescriptor descriptor, String source) {
    this.tool = tool;
    this.descriptor = descriptor;
    this.source = source;
    checkParameterType(tool, descriptor);
    // The binder first: it refuses components no call could fill, naming the component, before
    // the schema generator meets them.
    this.binder = RecordBinder.of(descriptor.parameterType());
    this.schema = ParameterSchemas.of(descriptor.parameterType());
    List<String> defaults = ParameterSchemas.defaultProblems(schema);
    if (!defaults.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", defaults));
    }
    this.schemaJson = ParameterSchemas.jsonOf(descriptor.parameterType());
    this.validator = new ArgumentValidator(schema);
    String when =
        descriptor.whenToUse().isBlank() ? "" : "\nWhen to use: " + descriptor.whenToUse();
    this.specification =
        ToolSpecification.builder()
            .name(descriptor.name())
            .description(descriptor.description() + when)
            .parameters(LangChain4jSchemas.object(schema))
            .build();
  }

  /**
   * Refuses a tool class that declares one parameter record for {@code P} while its descriptor
   * names another: the agent would bind arguments to the descriptor's record and the call would
   * fail with a ClassCastException inside the tool.
   */
  private static void checkParameterType(Tool<?, ?> tool, ToolDescriptor descriptor) {
    Class<?> declared = declaredParameterType(tool.getClass());
    if (declared != null && declared != Record.class && declared != descriptor.parameterType()) {
      throw new IllegalArgumentException(
          tool.getClass().getName()
              + " implements Tool<"
              + declared.getSimpleName()
              + ", ?> but its descriptor declares parameters("
              + descriptor.parameterType().getSimpleName()
              + ".class); make them the same record");
    }
  }

  /** The class given for {@code P} where the tool's class (or a superclass) implements Tool. */
  private static Class<?> declaredParameterType(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (java.lang.reflect.Type implemented : c.getGenericInterfaces()) {
        if (implemented instanceof java.lang.reflect.ParameterizedType parameterized
            && parameterized.getRawType() == Tool.class
            && parameterized.getActualTypeArguments()[0] instanceof Class<?> record) {
          return record;
        }
      }
    }
    return null;
  }

  /**
   * Registers a tool: reads its descriptor once, generates its schema and prepares validation.
   *
   * @param tool the tool
   * @param source where it came from, for logs and errors
   * @return the registered tool
   * @throws IllegalArgumentException if the tool cannot be registered, naming the tool, the source
   *     and the fix
   */
  static RegisteredTool register(Tool<?, ?> tool, String source) {
    Objects.requireNonNull(tool, "tool");
    ToolDescriptor descriptor;
    try {
      descriptor = tool.descriptor();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "tool "
              + tool.getClass().getName()
              + " from "
              + source
              + " failed to describe itself: "
              + e
              + "; build its ToolDescriptor with a name, description, side effect and parameter"
              + " record",
          e);
    }
    if (descriptor == null) {
      throw new IllegalArgumentException(
          "tool " + tool.getClass().getName() + " from " + source + " returned no descriptor");
    }
    try {
      return new RegisteredTool(tool, descriptor, source);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "tool '"
              + descriptor.name()
              + "' from "
              + source
              + " cannot be registered: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The tool's unique name.
   *
   * @return the snake_case name
   */
  public String name() {
    return descriptor.name();
  }

  /**
   * The tool's descriptor, as read once at registration.
   *
   * @return the descriptor
   */
  public ToolDescriptor descriptor() {
    return descriptor;
  }

  /**
   * Where the tool came from: {@value #EXPLICIT}, or the plugin as {@code name version (jar path)}.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * The tool itself. Only the agent's tool invoker may call it, after the permission check.
   *
   * @return the tool
   */
  public Tool<?, ?> tool() {
    return tool;
  }

  /**
   * The JSON Schema (draft 2020-12) of the tool's arguments, generated once.
   *
   * @return the schema as JSON text
   */
  public String parameterSchemaJson() {
    return schemaJson;
  }

  /**
   * The tool as LangChain4j describes it to a model: name, description followed by {@code When to
   * use: ...}, and the parameters with every keyword of the generated schema (bounds, pattern,
   * enum, default, nested {@code additionalProperties: false}); each constraint is also stated in
   * the argument's description, for providers that drop keywords. {@link #bind} enforces them all.
   *
   * @return the specification, made once
   */
  public ToolSpecification specification() {
    return specification;
  }

  /**
   * Validates the model's arguments against the schema and binds them to the parameter record,
   * filling defaults and empty optionals. A null for an argument that may be left out, in a nested
   * record too, counts as left out.
   *
   * @param argumentsJson the arguments as the model sent them, a JSON object
   * @return the bound record, an instance of the descriptor's parameter type
   * @throws ToolException if the arguments are missing, not JSON, or invalid; its message lists
   *     every problem (path, what was expected, what came) for the model to correct, and it is
   *     retryable. No other exception escapes.
   */
  public Record bind(String argumentsJson) throws ToolException {
    try {
      return bindOrThrow(argumentsJson);
    } catch (ToolException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid("$", "arguments this tool can read", "a value it could not read");
    }
  }

  private Record bindOrThrow(String argumentsJson) throws ToolException {
    if (argumentsJson == null || argumentsJson.isBlank()) {
      throw invalid("$", "a JSON object of arguments (send {} for none)", "nothing");
    }
    JsonNode tree;
    try {
      tree = Json.ARGUMENTS.readTree(argumentsJson);
    } catch (JacksonException e) {
      throw invalid(
          "$", "a JSON object of arguments", "text that is not valid JSON (" + brief(e) + ")");
    }
    if (tree == null || tree.isMissingNode()) {
      throw invalid("$", "a JSON object of arguments (send {} for none)", "nothing");
    }
    if (!tree.isObject()) {
      throw invalid("$", "a JSON object of arguments", Json.brief(tree));
    }
    ObjectNode arguments = withoutNullOptionals((ObjectNode) tree);
    List<ArgumentViolation> violations = validator.validate(arguments);
    if (!violations.isEmpty()) {
      throw ToolException.invalidArguments(name(), violations);
    }
    List<ArgumentViolation> bindingViolations = new ArrayList<>();
    Object bound = binder.bind(arguments, "$", bindingViolations);
    if (bound == null) {
      if (bindingViolations.isEmpty()) {
        bindingViolations.add(new ArgumentViolation("$", "arguments this tool accepts", "others"));
      }
      throw ToolException.invalidArguments(name(), bindingViolations);
    }
    return (Record) bound;
  }

  /**
   * A JSON null for an argument that may be left out means "left out", at every depth: a model that
   * fills every property (as OpenAI's strict mode asks) sends null for the optional components of
   * nested records too.
   */
  private ObjectNode withoutNullOptionals(ObjectNode arguments) {
    ObjectNode copy = arguments.deepCopy();
    removeNullOptionals(copy, schema);
    return copy;
  }

  private static void removeNullOptionals(JsonNode arguments, JsonNode schema) {
    JsonNode mapValues = mapValueSchema(schema);
    if (arguments instanceof ObjectNode map && mapValues != null) {
      // A map's entries are the caller's keys, none optional: only inside the values.
      map.forEach(value -> removeNullOptionals(value, mapValues));
    } else if (arguments instanceof ObjectNode object) {
      Set<String> required = new HashSet<>();
      schema.path("required").forEach(name -> required.add(name.asString()));
      for (String name : new ArrayList<>(object.propertyNames())) {
        JsonNode value = object.get(name);
        JsonNode propertySchema = schema.path("properties").get(name);
        if (propertySchema == null) {
          continue;
        }
        if (value.isNull()) {
          if (!required.contains(name)) {
            object.remove(name);
          }
        } else {
          removeNullOptionals(value, propertySchema);
        }
      }
    } else if (arguments instanceof ArrayNode array && schema.has("items")) {
      array.forEach(item -> removeNullOptionals(item, schema.get("items")));
    }
  }

  /**
   * The schema of a map's values ({@code additionalProperties}, directly or in one of the {@code
   * allOf} parts the generator may write), or null if the schema is not a map's.
   */
  private static JsonNode mapValueSchema(JsonNode schema) {
    if (schema.has("properties")) {
      return null;
    }
    JsonNode values = schema.get("additionalProperties");
    if (values != null && values.isObject()) {
      return values;
    }
    for (JsonNode part : schema.path("allOf")) {
      JsonNode inPart = part.get("additionalProperties");
      if (inPart != null && inPart.isObject()) {
        return inPart;
      }
    }
    return null;
  }

  /**
   * Renders bound arguments as canonical JSON: defaults filled, empty optionals left out, keys
   * sorted. Two calls with the same meaning give the same text, which makes repeated calls
   * detectable.
   *
   * @param bound arguments returned by {@link #bind}
   * @return the canonical JSON
   * @throws IllegalArgumentException if {@code bound} is not of this tool's parameter type
   */
  public String canonicalArguments(Record bound) {
    if (!descriptor.parameterType().isInstance(bound)) {
      throw new IllegalArgumentException(
          "tool '"
              + name()
              + "' takes "
              + descriptor.parameterType().getName()
              + ", not "
              + (bound == null ? "null" : bound.getClass().getName()));
    }
    return Json.MAPPER.writeValueAsString(binder.toJson(bound));
  }

  /**
   * Renders what the tool returned as the text the model sees: a string as it is, anything else as
   * JSON with the naming of the arguments, property names in snake_case ({@code ticketId} becomes
   * {@code ticket_id}) and enum values in lower case ({@code IN_PROGRESS} becomes {@code
   * in_progress}), so that a model echoing a result's names into its next call is understood.
   *
   * @param value the tool's result; not null
   * @return the text for the model; {@code String.valueOf(value)} when Jackson cannot write it
   */
  public String renderResult(Object value) {
    Objects.requireNonNull(value, "value");
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    try {
      return Json.RESULT_MAPPER.writeValueAsString(value);
    } catch (JacksonException e) {
      return String.valueOf(value);
    }
  }

  private ToolException invalid(String path, String expected, String actual) {
    return ToolException.invalidArguments(
        name(), List.of(new ArgumentViolation(path, expected, actual)));
  }

  private static String brief(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    message = end < 0 ? message : message.substring(0, end);
    var location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      message += " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
    return message.length() > 160 ? message.substring(0, 157) + "..." : message;
  }

  /**
   * The JSON name of one argument: {@link io.agentkeel.tools.spi.Param#name()} when set, else the
   * snake_case form of the record component's name ({@code dateRangeDays} is {@code
   * date_range_days}). The rule every schema and binding follows.
   *
   * @param component a component of a tool's parameter record
   * @return the argument's JSON name
   */
  public static String argumentName(java.lang.reflect.RecordComponent component) {
    return io.agentkeel.core.tool.internal.Naming.jsonName(component, component.getName());
  }

  @Override
  public String toString() {
    return "RegisteredTool[" + name() + " from " + source + "]";
  }
}
